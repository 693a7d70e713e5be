# 课程里的生产者消费者模型(Python 3 写法): Queue(10), 12 个生产者, 10 个消费者
# 原程序的 while True 永远不会结束; 这里每个生产者生产 5 个, 消费者遇到 None 就停止
import queue
import threading

message = queue.Queue(10)
ITEMS_PER_PRODUCER = 5
consumed = []
consumed_lock = threading.Lock()


def producer(i):
    for n in range(ITEMS_PER_PRODUCER):
        message.put((i, n))


def consumer(i):
    while True:
        msg = message.get()
        if msg is None:
            break
        with consumed_lock:
            consumed.append(msg)


producers = [threading.Thread(target=producer, args=(i,)) for i in range(12)]
consumers = [threading.Thread(target=consumer, args=(i,)) for i in range(10)]
for t in producers + consumers:
    t.start()
for t in producers:
    t.join()
for _ in consumers:
    message.put(None)              # 每个消费者一个结束信号
for t in consumers:
    t.join()

print('consumed', len(consumed), 'messages')
per_producer = {}
for i, n in consumed:
    per_producer[i] = per_producer.get(i, 0) + 1
print(sorted(per_producer.items()))
print(sorted(consumed)[:7])
print('nothing lost or repeated:', sorted(consumed) == [(i, n) for i in range(12) for n in range(5)])
print('queue empty at the end:', message.empty())
