# 异常发生在自己的模块里: traceback 里有两个文件, 异常类名带着模块名
from helper import Inventory

stock = Inventory('小卖部')
stock.add('cola', 2)
for _ in range(3):
    print('left:', stock.take('cola'))
