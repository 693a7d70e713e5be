# kwargs、daemon、is_alive、join
import threading

started = threading.Event()
release = threading.Event()
log = []


def job(name, repeat=1, sep='-'):
    started.set()
    release.wait()
    log.append(sep.join([name] * repeat))


t = threading.Thread(target=job, args=('ab',), kwargs={'repeat': 3, 'sep': '+'})
print('before start:', t.is_alive())
t.start()
started.wait()
print('running:', t.is_alive())
t.join(timeout=0.01)
print('after join timeout, still alive:', t.is_alive())
release.set()
t.join()
print('after join:', t.is_alive(), log)

d = threading.Thread(target=release.wait, daemon=True)
print('daemon:', d.daemon, 'default:', threading.Thread(target=job).daemon)
d.start()
d.join()

# daemon 线程永远等不到事件, 程序照样结束
never = threading.Event()
forever = threading.Thread(target=never.wait, daemon=True)
forever.start()
print('forever alive:', forever.is_alive())
print('main thread exits')
