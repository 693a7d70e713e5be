import queue
import threading

items = queue.Queue(100)
N = 100000


def producer():
    for i in range(N):
        items.put(i)
    items.put(None)


def consumer(totals):
    total = 0
    while True:
        item = items.get()
        if item is None:
            break
        total += item
    totals.append(total)


totals = []
threads = [threading.Thread(target=producer), threading.Thread(target=consumer, args=(totals,))]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(totals[0])
