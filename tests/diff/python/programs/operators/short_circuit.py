# and / or 返回的是操作数本身, 而且会短路
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or 'default', '' or [] or {})
print(1 and 2 and 3, 1 and 0 and 3, 0 or '' or 'last')
print(not 0, not 'x', not [], not not 5)


def check(name, result):
    print('  check', name)
    return result


print('and:', check('A', False) and check('B', True))
print('or:', check('A', True) or check('B', False))
print('mix:', check('A', False) or check('B', True) and check('C', 'c'))

# 常见写法: 默认值, 安全访问
config = {}
port = config.get('port') or 5672
print('port =', port)
items = None
print('count =', items and len(items))
items = [1, 2, 3]
print('count =', items and len(items))
user = {'name': ''}
print('name =', user['name'] or '匿名')

# 优先级: not > and > or
print(True or False and False, (True or False) and False, not True == False)
