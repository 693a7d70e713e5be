# 自定义异常层次: 捕获基类可以处理所有子类
class ShopError(Exception):
    """商店里所有错误的基类"""


class OutOfStock(ShopError):
    def __init__(self, item):
        super().__init__(f'{item} 卖完了')
        self.item = item


class PaymentError(ShopError):
    pass


class CardDeclined(PaymentError):
    pass


stock = {'apple': 3, 'pear': 0}


def buy(item, card_ok=True):
    if stock.get(item, 0) <= 0:
        raise OutOfStock(item)
    if not card_ok:
        raise CardDeclined('银行卡被拒绝')
    stock[item] -= 1
    return f'bought {item}'


for item, card in [('apple', True), ('apple', True), ('pear', True), ('apple', False)]:
    try:
        print(buy(item, card))
    except OutOfStock as e:
        print('OutOfStock:', e, '| item =', e.item)
    except PaymentError as e:
        print(type(e).__name__, '(a PaymentError):', e)

stock['kiwi'] = 1
for args in [('kiwi', False), ('melon',)]:
    try:
        buy(*args)
    except ShopError as e:
        print('ShopError caught:', type(e).__name__, '-', e)

print([c.__name__ for c in CardDeclined.__mro__])
print(issubclass(CardDeclined, ShopError), ShopError.__doc__)
raise CardDeclined('余额不足')
