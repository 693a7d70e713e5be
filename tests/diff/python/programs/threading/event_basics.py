# Event: set / wait / is_set / clear
import threading

ready = threading.Event()
print(ready.is_set(), ready.wait(timeout=0.01))
results = []


def waiter(n):
    ready.wait()
    results.append(n * 10)


threads = [threading.Thread(target=waiter, args=(i,)) for i in range(5)]
for t in threads:
    t.start()
print('nobody finished yet:', results)
ready.set()
for t in threads:
    t.join()
print(ready.is_set(), sorted(results), ready.wait(), ready.wait(0.01))
ready.clear()
print(ready.is_set())

# 主线程等待工作线程的信号
done = threading.Event()
answer = []


def compute():
    answer.append(sum(range(1_000)))
    done.set()


threading.Thread(target=compute).start()
print('signalled:', done.wait(timeout=5), answer)
