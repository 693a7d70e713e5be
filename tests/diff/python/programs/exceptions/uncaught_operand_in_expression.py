# 长表达式中出错的那一部分会被标出来
prices = {'apple': 5, 'pear': '3'}
total = prices['apple'] * 2 + prices['pear'] * 2
print('total', total)
total = prices['apple'] * 2 - prices['pear'] * 2
