# 课程 "基于 QUEUE 实现生产消费模型" 的 Python 3 版本
# 原程序里生产者和消费者都是 while True, 永远不会结束; 这里生产者各放 3 次, 消费者各取 N 次
import queue
import threading

message = queue.Queue(10)
PRODUCERS, CONSUMERS, PER_PRODUCER = 12, 10, 3
total = PRODUCERS * PER_PRODUCER
got = []
got_lock = threading.Lock()


def producer(i):
    for _ in range(PER_PRODUCER):
        message.put(i)


def consumer(i, times):
    for _ in range(times):
        msg = message.get()
        with got_lock:
            got.append(msg)


# 36 条消息分给 10 个消费者: 前 6 个取 4 条, 后 4 个取 3 条
shares = [total // CONSUMERS + (1 if i < total % CONSUMERS else 0) for i in range(CONSUMERS)]
print('shares:', shares, sum(shares))
threads = []
for i in range(PRODUCERS):
    t = threading.Thread(target=producer, args=(i,))
    t.start()
    threads.append(t)
for i in range(CONSUMERS):
    t = threading.Thread(target=consumer, args=(i, shares[i]))
    t.start()
    threads.append(t)
for t in threads:
    t.join()
ret = sorted(got)
print(ret)
print(len(ret), 'messages,', message.qsize(), 'left in the queue')
