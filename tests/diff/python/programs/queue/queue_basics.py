# queue.Queue: 先进先出, 线程安全
import queue

q = queue.Queue()
print(q.empty(), q.qsize(), q.full(), q.maxsize)
for item in ['a', 'b', 'c']:
    q.put(item)
print(q.qsize(), q.empty(), q.full())
print(q.get(), q.get(), q.qsize())
q.put('d')
print(q.get(), q.get(), q.empty())

bounded = queue.Queue(maxsize=2)
bounded.put(1)
bounded.put(2)
print('full:', bounded.full(), bounded.qsize(), bounded.maxsize)
print(bounded.get(), bounded.full())
print(queue.Queue(0).maxsize, queue.Queue(-1).full())
