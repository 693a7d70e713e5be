# argv: warning error
# 课程 "发布订阅(关键字)": 用字典模拟 direct 交换机, 订阅者只收到绑定了的 severity
import sys

severities = sys.argv[1:]
if not severities:
    sys.stderr.write("Usage: %s [info] [warning] [error]\n" % sys.argv[0])
    sys.exit(1)

bindings = {}                      # routing_key -> [队列名]
queue_name = 'amq.gen-subscriber'
for severity in severities:
    bindings.setdefault(severity, []).append(queue_name)
print(' [*] Waiting for logs. bound to', severities)

mailbox = []
published = [('info', b'started'), ('error', b'disk full'), ('warning', b'cpu 90%'), ('debug', b'x=1')]
for routing_key, body in published:
    for name in bindings.get(routing_key, []):
        mailbox.append((routing_key, body))


class Method:
    def __init__(self, routing_key):
        self.routing_key = routing_key


def callback(ch, method, properties, body):
    print(" [x] %r:%r" % (method.routing_key, body))


for routing_key, body in mailbox:
    callback(None, Method(routing_key), None, body)
print('dropped:', [key for key, _ in published if key not in bindings])
