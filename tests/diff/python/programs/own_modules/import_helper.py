# import 自己写的模块
import helper

print(helper.VERSION, helper.__name__)
shop = helper.Inventory('水果店')
shop.add('apple', 10)
shop.add('pear', 3)
shop.take('apple', 4)
print(shop, shop.count('apple'), shop.count('kiwi'))
print(helper.describe(shop))
print('calls so far:', helper.calls)
try:
    shop.take('pear', 5)
except helper.OutOfStock as e:
    print('OutOfStock:', e, '| item:', e.item)
print(type(shop).__name__, type(shop).__module__, helper.Inventory.__module__)
print(helper.Inventory.__doc__)
