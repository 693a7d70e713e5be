# 发布订阅: 每个订阅者一个队列, 在自己的线程里接收; 收完后统一打印
import queue
import threading

subscribers = {name: queue.Queue() for name in ('screen', 'file', 'email')}
received = {name: [] for name in subscribers}


def publish(body):
    for q in subscribers.values():         # fanout: 每个队列都放一份
        q.put(body)


def subscribe(name):
    q = subscribers[name]
    while True:
        body = q.get()
        if body is None:
            return
        received[name].append(body)


threads = [threading.Thread(target=subscribe, args=(name,), name=name) for name in subscribers]
for t in threads:
    t.start()
for i in range(4):
    publish(f'log line {i}')
publish(None)
for t in threads:
    t.join()
for name, bodies in received.items():
    print(f'{name:>6} got {bodies}')
