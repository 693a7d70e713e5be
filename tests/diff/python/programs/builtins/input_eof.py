# 没有更多输入时 input() 抛出 EOFError
try:
    line = input('first: ')
    print('got', repr(line))
    line = input('second: ')
except EOFError as e:
    print()
    print('EOFError:', repr(str(e)))
print('now an uncaught one:')
input('third: ')
