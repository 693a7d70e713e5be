# active_count 和 enumerate: 用 Event 让线程保持运行, 数量就是确定的
import threading

print('at start:', threading.active_count())
release = threading.Event()
started = []


def hold(n):
    started.append(n)
    release.wait()


threads = [threading.Thread(target=hold, args=(i,), name=f'holder-{i}') for i in range(3)]
for t in threads:
    t.start()
while len(started) < 3:
    release.wait(0.001)
print('while holding:', threading.active_count())
print(sorted(t.name for t in threading.enumerate()))
release.set()
for t in threads:
    t.join()
print('after join:', threading.active_count(), [t.is_alive() for t in threads])
