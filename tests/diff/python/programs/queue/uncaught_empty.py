# 未捕获的 queue.Empty: 异常名字显示为 _queue.Empty
import queue

q = queue.Queue()
q.put('only message')
print(q.get_nowait())
print(q.get_nowait())
