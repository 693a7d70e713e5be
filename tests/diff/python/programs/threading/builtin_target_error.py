# 线程的目标是内置函数时出错: 回溯里没有学习者自己的代码行, 但仍有 "Traceback" 标题
import threading

t = threading.Thread(target=int, args=('x',))
t.start()
t.join()
print('主线程继续运行')
