# argv: 'kern.critical' A critical kernel error
# 课程 "发布订阅" 发布者: 消息来自命令行
import sys

message = ' '.join(sys.argv[1:]) or "info: Hello World!"
print(" [x] Sent %r" % message)
print(len(sys.argv) - 1, 'arguments')
