# 生产者消费者: 消费者是 daemon 线程, 主线程用 join() 等队列处理完
import queue
import threading

message = queue.Queue(10)
totals = {}
lock = threading.Lock()


def producer(i):
    for n in range(1, 4):
        message.put(i * 100 + n)


def consumer(i):
    while True:
        value = message.get()
        with lock:
            totals[value // 100] = totals.get(value // 100, 0) + value % 100
        message.task_done()


for i in range(10):
    threading.Thread(target=consumer, args=(i,), daemon=True).start()
producers = [threading.Thread(target=producer, args=(i,)) for i in range(12)]
for t in producers:
    t.start()
for t in producers:
    t.join()
message.join()
print('per producer total:', [totals[i] for i in sorted(totals)])
print('grand total:', sum(totals.values()), 'producers seen:', len(totals))
