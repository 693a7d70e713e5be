# RLock 可以被同一个线程重复获取
import threading


class Account:
    def __init__(self, balance):
        self.balance = balance
        self.lock = threading.RLock()

    def withdraw(self, amount):
        with self.lock:
            self.balance -= amount

    def deposit(self, amount):
        with self.lock:
            self.balance += amount

    def transfer_to(self, other, amount):
        with self.lock:              # 已经拿着锁, 再调用 withdraw 也不会死锁
            self.withdraw(amount)
            other.deposit(amount)


a, b = Account(100), Account(50)


def many_transfers():
    for _ in range(100):
        a.transfer_to(b, 1)
        b.transfer_to(a, 1)


threads = [threading.Thread(target=many_transfers) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(a.balance, b.balance, a.balance + b.balance)

r = threading.RLock()
with r:
    with r:
        print('acquired twice')
try:
    r.release()
except RuntimeError as e:
    print('RuntimeError:', e)
