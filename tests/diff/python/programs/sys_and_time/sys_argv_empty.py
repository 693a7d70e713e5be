# 没有命令行参数时 sys.argv 只有程序路径
import sys

print(len(sys.argv), sys.argv[1:])
name = sys.argv[1] if len(sys.argv) > 1 else 'world'
print('hello', name)
try:
    print(sys.argv[1])
except IndexError as e:
    print('IndexError:', e)
