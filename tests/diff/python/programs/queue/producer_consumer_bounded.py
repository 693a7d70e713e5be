# 有界队列: 生产者比消费者快时, put 会阻塞, 队列里最多 10 个
import queue
import threading
import time

message = queue.Queue(10)
sizes = []
received = []
lock = threading.Lock()


def producer(i):
    for n in range(8):
        message.put(f'p{i:02d}-m{n}')
        with lock:
            sizes.append(message.qsize())


def consumer(i):
    while True:
        msg = message.get()
        if msg is None:
            return
        time.sleep(0.0005)          # 消费得比较慢
        with lock:
            received.append(msg)


consumers = [threading.Thread(target=consumer, args=(i,)) for i in range(10)]
producers = [threading.Thread(target=producer, args=(i,)) for i in range(12)]
for t in consumers + producers:
    t.start()
for t in producers:
    t.join()
for _ in consumers:
    message.put(None)
for t in consumers:
    t.join()
print('received', len(received), 'of', 12 * 8)
print('never more than 10 waiting:', max(sizes) <= 10)
print('first and last:', sorted(received)[0], sorted(received)[-1])
print('from p05:', sorted(m for m in received if m.startswith('p05')))
