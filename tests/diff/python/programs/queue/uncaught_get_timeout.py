# get 超时后未捕获的 queue.Empty
import queue

q = queue.Queue()
print('waiting for a message...')
msg = q.get(timeout=0.01)
