# 嵌套的数据结构: 列表里放字典, 字典里放列表
orders = [
    {'id': 1001, 'customer': '张三', 'items': [('apple', 3, 5.5), ('pear', 2, 3.0)]},
    {'id': 1002, 'customer': '李四', 'items': [('melon', 1, 30.0)]},
    {'id': 1003, 'customer': '张三', 'items': []},
]

for order in orders:
    total = sum(qty * price for _, qty, price in order['items'])
    names = ', '.join(name for name, _, _ in order['items']) or '(empty)'
    print(f"#{order['id']} {order['customer']}: {names} = {total:.2f}")

by_customer = {}
for order in orders:
    by_customer.setdefault(order['customer'], []).append(order['id'])
print(by_customer)

orders[1]['items'].append(('kiwi', 4, 1.25))
print(orders[1]['items'][-1][0], len(orders[1]['items']))
print(max(orders, key=lambda o: len(o['items']))['id'])

matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print(matrix[1][2], [row[1] for row in matrix], [matrix[i][i] for i in range(3)])
print(list(zip(*matrix)), [sum(row) for row in matrix], sum(map(sum, matrix)))
config = {'redis': {'host': 'localhost', 'ports': [6379, 6380]}, 'debug': True}
print(config['redis']['ports'][1], config.get('mq', {}).get('host', 'none'))
config['redis']['ports'].append(6381)
print(config)
