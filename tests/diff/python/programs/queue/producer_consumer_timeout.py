# 带超时的 get/put: 等不到就做点别的再试, 最后靠结束信号退出
import queue
import threading

message = queue.Queue(10)
counts = [0] * 10
idle_checks = [0] * 10


def producer(i):
    for n in range(6):
        while True:
            try:
                message.put(i, timeout=0.01)
                break
            except queue.Full:
                pass                    # 队列满了, 再试一次


def consumer(i):
    while True:
        try:
            msg = message.get(timeout=0.01)
        except queue.Empty:
            idle_checks[i] += 1         # 暂时没有消息
            continue
        if msg is None:
            return
        counts[i] += 1


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
print('messages consumed:', sum(counts))
print('all consumers stopped:', not any(t.is_alive() for t in consumers))
