# 课程 "模糊匹配" 发布者: 没有命令行参数时使用默认值
import sys

routing_key = sys.argv[1] if len(sys.argv) > 1 else 'anonymous.info'
message = ' '.join(sys.argv[2:]) or 'Hello World!'
print(" [x] Sent %r:%r" % (routing_key, message))
