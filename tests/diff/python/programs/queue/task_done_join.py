# task_done 和 join: 等所有任务都处理完
import queue
import threading

tasks = queue.Queue()
results = []
results_lock = threading.Lock()


def worker():
    while True:
        n = tasks.get()
        with results_lock:
            results.append(n * n)
        tasks.task_done()


for _ in range(3):
    threading.Thread(target=worker, daemon=True).start()
for n in range(10):
    tasks.put(n)
tasks.join()                         # 阻塞, 直到每个 put 都有对应的 task_done
print('all done:', sorted(results))
print('unfinished queue is empty:', tasks.empty(), tasks.qsize())

extra = queue.Queue()
extra.put(1)
extra.get()
extra.task_done()
try:
    extra.task_done()
except ValueError as e:
    print('ValueError:', e)
