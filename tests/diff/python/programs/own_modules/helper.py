# module
# 学员自己的工具模块(仿照课程里 RedisHelper 的写法, 但不连接 redis, 数据放在字典里)
VERSION = '1.0'
calls = 0


class Inventory:
    """商品库存: 一个类封装所有操作, 程序里只和它打交道"""

    def __init__(self, name):
        self.name = name
        self._stock = {}

    def add(self, item, count=1):
        global calls
        calls += 1
        self._stock[item] = self._stock.get(item, 0) + count
        return self._stock[item]

    def take(self, item, count=1):
        global calls
        calls += 1
        have = self._stock.get(item, 0)
        if have < count:
            raise OutOfStock(item, have, count)
        self._stock[item] = have - count
        return self._stock[item]

    def count(self, item):
        return self._stock.get(item, 0)

    def items(self):
        return sorted(self._stock.items())

    def __repr__(self):
        return f'Inventory({self.name!r}, {len(self._stock)} items)'


class OutOfStock(Exception):
    def __init__(self, item, have, wanted):
        super().__init__(f'{item}: have {have}, wanted {wanted}')
        self.item = item


def describe(inventory):
    lines = [f'== {inventory.name} ==']
    for item, n in inventory.items():
        lines.append(f'{item:<8}{n:>4}')
    return '\n'.join(lines)
