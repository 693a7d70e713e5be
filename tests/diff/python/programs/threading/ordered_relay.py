# 接力: 每个线程等前一个线程的信号, 所以打印顺序一定是 0, 1, 2, ...
import threading

N = 5
batons = [threading.Event() for _ in range(N + 1)]


def runner(i):
    batons[i].wait()
    print(f'runner {i} ({threading.current_thread().name}) runs')
    batons[i + 1].set()


threads = [threading.Thread(target=runner, args=(i,), name=f'R{i}') for i in reversed(range(N))]
for t in threads:
    t.start()
print('all started, go!')
batons[0].set()
batons[N].wait()
for t in threads:
    t.join()
print('finished')
