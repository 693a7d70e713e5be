# 字典的常用方法
stock = {'apple': 10, 'pear': 5}
print(stock['apple'], stock.get('pear'), stock.get('kiwi'), stock.get('kiwi', 0))
print(stock.setdefault('kiwi', 7), stock.setdefault('apple', 99), stock)
stock.update({'pear': 6, 'fig': 2})
stock.update(grape=4)
stock.update([('melon', 1)])
print(stock)
print(stock.pop('fig'), stock.pop('nothing', 'default'), stock)
print(stock.popitem(), stock.popitem(), stock)      # popitem 按后进先出
print(list(stock.keys()), list(stock.values()), list(stock.items()))
print(dict.fromkeys(['a', 'b']), dict.fromkeys('xy', 0), dict.fromkeys(range(3), []))
shared = dict.fromkeys(['x', 'y'], [])
shared['x'].append(1)                               # 所有键共用同一个列表
print(shared)
print(len(stock), 'apple' in stock, 10 in stock, stock == {'apple': 10, 'pear': 6, 'kiwi': 7})
merged = stock | {'apple': 0, 'new': 1}
stock |= {'kiwi': 8}
print(merged, stock)
del stock['kiwi']
print(stock, dict(a=1, b=2), dict([('x', 1), ('y', 2)]), dict(zip('ab', [1, 2])))
stock.clear()
print(stock)
for action in (lambda: stock['missing'], lambda: stock.pop('missing'), lambda: stock.popitem()):
    try:
        action()
    except KeyError as e:
        print('KeyError:', e)
