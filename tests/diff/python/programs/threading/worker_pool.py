# 多个工作线程从共享列表里领任务; 每个任务的结果和领取者记录下来, 最后排序打印
import threading
import time

tasks = list(range(1, 21))
lock = threading.Lock()
done = {}


def worker():
    name = threading.current_thread().name
    while True:
        with lock:
            if not tasks:
                return
            task = tasks.pop(0)
        time.sleep(0.001)
        with lock:
            done[task] = (task ** 2, name)


workers = [threading.Thread(target=worker, name=f'w{i}') for i in range(4)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(len(done), 'tasks done')
print([done[t][0] for t in sorted(done)])
print('every task done once:', sorted(done) == list(range(1, 21)))
print('workers used are ours:', {name for _, name in done.values()} <= {'w0', 'w1', 'w2', 'w3'})
