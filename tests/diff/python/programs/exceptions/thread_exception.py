# 线程里未捕获的异常: 打印 "Exception in thread ..." 和 traceback, 主线程继续运行
import threading


def worker(n):
    print(f'worker {n} starting')
    return 10 / n


t = threading.Thread(target=worker, args=(0,))
t.start()
t.join()
print('main thread goes on, thread alive:', t.is_alive())

t2 = threading.Thread(target=worker, args=(5,))
t2.start()
t2.join()
print('second thread finished fine')
