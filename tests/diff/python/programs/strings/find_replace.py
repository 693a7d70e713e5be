# find / rfind / index / rindex / count / replace
s = 'hello world, hello python'
print(s.find('hello'), s.find('hello', 1), s.rfind('hello'), s.find('java'))
print(s.index('world'), s.rindex('o'), s.count('hello'), s.count('l'), s.count(''))
print(s.find('o', 5, 10), s.count('l', 0, 5), s.find(''), s.rfind(''))
print(s.replace('hello', 'hi'), '|', s.replace('hello', 'hi', 1), '|', s.replace('x', 'y'))
print('aaa'.replace('a', 'b', 2), 'abc'.replace('', '-'), 'a.b.c'.replace('.', ''))
print('banana'.count('ana'), 'banana'.find('na', 3), 'banana'.rfind('na', 0, 4))
try:
    s.index('java')
except ValueError as e:
    print('ValueError:', e)
try:
    s.rindex('x')
except ValueError as e:
    print('ValueError:', e)

# 找出所有出现的位置
text = 'the cat sat on the mat with the hat'
positions = []
start = text.find('the')
while start != -1:
    positions.append(start)
    start = text.find('the', start + 1)
print(positions)
