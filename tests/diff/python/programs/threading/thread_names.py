# 线程的默认名字: Thread-N (目标函数名)
import threading


def worker():
    pass


def report():
    return threading.current_thread().name


print(threading.current_thread().name, threading.main_thread().name)
a = threading.Thread(target=worker)
b = threading.Thread(target=worker)
c = threading.Thread(target=lambda: None)
d = threading.Thread(target=worker, name='producer-1')
e = threading.Thread()
print(a.name, '|', b.name, '|', c.name, '|', d.name, '|', e.name)

# 在线程里读取自己的名字; 每个线程启动后马上 join, 所以顺序是确定的
names = []
for i in range(3):
    t = threading.Thread(target=lambda: names.append(report()))
    t.start()
    t.join()
named = threading.Thread(target=lambda: names.append(report()), name='消费者')
named.start()
named.join()
print(names)
d.name = 'renamed'
print(d.name, d.daemon, threading.current_thread() is threading.main_thread())
