# maketrans / translate: 一次替换多个字符
table = str.maketrans('abc', 'xyz')
print('aabbcc abc'.translate(table))
remove_digits = str.maketrans('', '', '0123456789')
print('a1b2c3 2024年'.translate(remove_digits))
fullwidth = str.maketrans('，。！？：', ',.!?:')
print('你好，世界！真的吗？是的。'.translate(fullwidth))
leet = str.maketrans({'a': '4', 'e': '3', 'o': '0', 's': None})
print('hello rabbitmq messages'.translate(leet))
print(sorted(str.maketrans('ab', 'cd').items()))
try:
    str.maketrans('abc', 'xy')
except ValueError as e:
    print('ValueError:', e)
