# argv: error Run. Run. Or it will explode.
# 课程 "发布订阅(关键字)" 发布者里处理命令行参数的部分(不连接 RabbitMQ)
import sys

severity = sys.argv[1] if len(sys.argv) > 1 else 'info'
message = ' '.join(sys.argv[2:]) or 'Hello World!'
print(" [x] Sent %r:%r" % (severity, message))
body = message.encode('utf-8')
print(" [x] body is %r, %d bytes" % (body, len(body)))
