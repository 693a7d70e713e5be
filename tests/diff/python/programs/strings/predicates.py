# is 开头的判断方法
tests = ['123', '12.5', '-7', 'abc', 'abc123', 'ABC', 'Abc', '   ', '\t\n', '', '中文', '²', '一二三', 'Ⅳ', 'a b']
methods = ['isdigit', 'isdecimal', 'isnumeric', 'isalpha', 'isalnum', 'isspace', 'isupper', 'islower']
print(f'{"":8}' + ''.join(f'{m[2:]:>8}' for m in methods))
for t in tests:
    row = ''.join(f'{str(getattr(t, m)()):>8}' for m in methods)
    print(f'{t!r:8}' + row)
print('hello_world'.isidentifier(), '2fast'.isidentifier(), '变量'.isidentifier())
print('abc'.isascii(), '中'.isascii(), 'Hello\n'.isprintable(), 'Hello'.isprintable())

# 用 isdigit 检查用户输入
for answer in ['18', ' 18', '-3', '18岁']:
    print(repr(answer), '->', int(answer) if answer.isdigit() else '不是数字')
