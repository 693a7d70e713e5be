# 每个消费者把自己处理的结果放进结果队列, 主线程最后汇总并排序
import queue
import threading

jobs = queue.Queue(10)
results = queue.Queue()


def producer(i):
    for word in ['apple', 'banana', 'cherry']:
        jobs.put(f'{word}-{i}')


def consumer(i):
    handled = 0
    while True:
        job = jobs.get()
        if job is None:
            results.put(('consumer-done', handled))
            return
        results.put(('result', job.upper()))
        handled += 1


consumers = [threading.Thread(target=consumer, args=(i,)) for i in range(10)]
producers = [threading.Thread(target=producer, args=(i,)) for i in range(12)]
for t in consumers + producers:
    t.start()
for t in producers:
    t.join()
for _ in range(10):
    jobs.put(None)
for t in consumers:
    t.join()

outputs, handled = [], []
while not results.empty():
    kind, value = results.get_nowait()
    (outputs if kind == 'result' else handled).append(value)
print(len(outputs), 'results from', len(handled), 'consumers, handled in total', sum(handled))
for line in sorted(outputs)[:6]:
    print(line)
print('...', sorted(outputs)[-1])
