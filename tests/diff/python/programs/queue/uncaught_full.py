# 未捕获的 queue.Full
import queue

message = queue.Queue(2)
for i in range(3):
    print('put', i)
    message.put(i, block=False)
