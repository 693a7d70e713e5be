# f-string: 表达式、转换、嵌套格式、= 调试写法
name = '张三'
score = 87.456
items = ['apple', 'pear']
user = {'name': 'ann', 'age': 30}
print(f'{name} got {score:.1f} points')
print(f'{name!r} {name!s} {name!a}')
print(f'{len(items)} items: {", ".join(items)}')
print(f'{user["name"]} is {user["age"]}', f"{user['age'] + 1} next year")
print(f'{score = }', f'{score=:.2f}', f'{name=}', f'{len(items)=}', f'{1 + 2 = }')
width, precision = 12, 3
print(f'[{score:{width}.{precision}f}]', f'[{name:>{width}}]', f'[{name:*^{width}}]')
print(f'{{braces}}', f'{{{name}}}', f'{"quoted"}', f'{3 * "ab"}')
print(f'{"yes" if score > 60 else "no"}', f'{[x.upper() for x in items]}')
print(f'{score:{"" if score < 100 else "+"}.2f}', f'{items[-1]:.2}', f'{2 ** 10:,}')
value = 255
print(f'{value:#x} {value:#o} {value:#b} {value:08b}')
multi = (f'first line {1}\n'
         f'second line {2}')
print(multi)
print(f'{name}' f'{"!"}', F'upper F works', rf'raw \n {name}', fr'{name}\t')
