# LifoQueue(后进先出) 和 PriorityQueue(最小的先出)
import queue

lifo = queue.LifoQueue()
for x in [1, 2, 3]:
    lifo.put(x)
print([lifo.get() for _ in range(3)])

pq = queue.PriorityQueue()
for priority, task in [(3, 'write report'), (1, 'fix server'), (2, 'reply email'), (1, 'call boss')]:
    pq.put((priority, task))
while not pq.empty():
    priority, task = pq.get()
    print(priority, task)

# 优先级相同时用递增的序号保持先来后到
pq = queue.PriorityQueue()
for seq, (priority, job) in enumerate([(2, {'id': 'b'}), (1, {'id': 'a'}), (2, {'id': 'c'})]):
    pq.put((priority, seq, job))
print([pq.get()[2]['id'] for _ in range(3)])

pq.put(5)
pq.put(1)
pq.put(3)
print(pq.get(), pq.get(), pq.get(), pq.qsize())
bad = queue.PriorityQueue()
bad.put((1, {'id': 'x'}))
try:
    bad.put((1, {'id': 'y'}))
except TypeError as e:
    print('TypeError:', e)
