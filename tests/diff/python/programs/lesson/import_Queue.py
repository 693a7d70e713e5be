# 课程原文是 Python 2 的 import Queue; Python 3 里模块名是小写的 queue
import threading

print('threading imported fine')
import Queue

message = Queue.Queue(10)
