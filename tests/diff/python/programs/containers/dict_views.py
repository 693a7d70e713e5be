# keys()、values()、items() 返回的是视图, 会跟着字典变化
prices = {'apple': 5, 'pear': 3}
keys = prices.keys()
values = prices.values()
items = prices.items()
print(keys, values, items)
prices['kiwi'] = 8
print(keys, len(values), ('kiwi', 8) in items, 'apple' in keys, 5 in values)
print(list(keys)[0], sorted(values), max(items, key=lambda kv: kv[1]))

# keys 和 items 视图支持集合运算
other = {'pear': 1, 'melon': 2}
print(sorted(prices.keys() & other.keys()), sorted(prices.keys() | other), sorted(prices.keys() - other))
print(sorted(prices.items() - {('apple', 5)}), prices.keys() == {'apple', 'pear', 'kiwi'})
print(type(keys).__name__, type(values).__name__, type(items).__name__)
try:
    keys[0]
except TypeError as e:
    print('TypeError:', e)
for name, price in sorted(prices.items()):
    print(f'{name}: {price}')
