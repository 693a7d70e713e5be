# 创建线程: target 和 args; 结果先收集起来, join 之后再按顺序打印
import threading

results = []
lock = threading.Lock()


def square(n):
    value = n * n
    with lock:
        results.append((n, value))


threads = [threading.Thread(target=square, args=(i,)) for i in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results))
print('total', sum(v for _, v in results), 'from', len(results), 'threads')
print([t.is_alive() for t in threads])
