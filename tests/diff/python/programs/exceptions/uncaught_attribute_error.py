# AttributeError: 拼错属性名时也会有建议
class Order:
    def __init__(self, number, amount):
        self.number = number
        self.amount = amount

    def total(self):
        return self.amount * 1.1


order = Order(1001, 200)
print(order.number, order.total())
try:
    order.amout
except AttributeError as e:
    print('caught:', e)       # str(e) 里没有建议, 建议只在 traceback 里
print(order.amout)
