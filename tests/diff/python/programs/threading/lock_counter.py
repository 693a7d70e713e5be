# 多个线程修改同一个计数器: 用 Lock 保护
import threading

counter = 0
lock = threading.Lock()


def add_many(times):
    global counter
    for _ in range(times):
        with lock:
            counter += 1


threads = [threading.Thread(target=add_many, args=(1000,)) for _ in range(10)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print('counter =', counter)

# acquire / release 的写法
balance = 100
balance_lock = threading.Lock()


def withdraw(amount, results):
    global balance
    balance_lock.acquire()
    try:
        if balance >= amount:
            balance -= amount
            results.append(amount)
        else:
            results.append(0)
    finally:
        balance_lock.release()


results = []
ts = [threading.Thread(target=withdraw, args=(30, results)) for _ in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print('balance =', balance, 'successful withdrawals =', results.count(30), sorted(results))
print(lock.locked(), lock.acquire(), lock.locked(), lock.acquire(blocking=False))
lock.release()
try:
    lock.release()
except RuntimeError as e:
    print('RuntimeError:', e)
