# 字符串字面量: 单引号、双引号、三引号、原始字符串
a = 'hello'
b = "world"
c = '''第一行
第二行'''
d = r'C:\new\table'
print(a, b)
print(c)
print(d, len(d))
print('py' 'thon', 'ab' * 3, '-' * 20)

# repr 会挑选引号并转义特殊字符
print(repr("it's"), repr('say "hi"'), repr('it\'s "x"'))
print(repr('tab\there'), repr('line\n'), repr('back\\slash'))
print(repr('\x00\x07\x7f'), repr('中文'), repr('\u200b'), repr('\xa0'), repr('é'))

# 索引和切片
s = 'Python'
print(s[0], s[-1], s[1:4], s[:2], s[2:], s[::-1], s[::2])
print('th' in s, 'TH' in s, s.upper() + s.lower())

# 字符串不可变
try:
    s[0] = 'J'
except TypeError as e:
    print('TypeError:', e)
try:
    print(s[10])
except IndexError as e:
    print('IndexError:', e)
print('J' + s[1:])
print(str(123) + str(4.5) + str(None) + str(True))
print(len(''), len(' '), len('\n'), len('中文字符'))
