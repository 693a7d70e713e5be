# from ... import ... as ...
from helper import Inventory as Inv, OutOfStock, describe
from helper import VERSION
import helper

warehouse = Inv('仓库')
for item, n in [('cpu', 5), ('disk', 12), ('cpu', 1)]:
    warehouse.add(item, n)
print(describe(warehouse))
print('version', VERSION, Inv.__name__, Inv is helper.Inventory)
try:
    warehouse.take('ram')
except OutOfStock as e:
    print(type(e).__name__, e)
