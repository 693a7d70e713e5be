# 用类模拟 RabbitMQ 的三种交换机: fanout / direct / topic
from collections import deque

from topic_rules import matches as topic_match


class Exchange:
    def __init__(self, name, kind):
        self.name = name
        self.kind = kind
        self.bindings = []             # (队列, 绑定键)

    def bind(self, queue, key=''):
        self.bindings.append((queue, key))

    def route(self, routing_key):
        targets = []
        for queue, key in self.bindings:
            if self.kind == 'fanout' or (self.kind == 'direct' and key == routing_key) or \
                    (self.kind == 'topic' and topic_match(key, routing_key)):
                if queue not in targets:
                    targets.append(queue)
        return targets

    def publish(self, routing_key, body):
        targets = self.route(routing_key)
        for queue in targets:
            queue.messages.append((routing_key, body))
        return len(targets)


class Queue:
    def __init__(self, name):
        self.name = name
        self.messages = deque()

    def __repr__(self):
        return f'{self.name}{list(self.messages)}'


logs = Exchange('logs', 'fanout')
q1, q2 = Queue('q1'), Queue('q2')
logs.bind(q1)
logs.bind(q2)
print('fanout delivered to', logs.publish('', 'info: Hello World!'), 'queues:', q1, q2)

direct = Exchange('direct_logs', 'direct')
errors, everything = Queue('errors'), Queue('all')
direct.bind(errors, 'error')
for severity in ('info', 'warning', 'error'):
    direct.bind(everything, severity)
for severity, msg in [('info', 'a'), ('error', 'b'), ('debug', 'c')]:
    print(f'direct {severity}: {direct.publish(severity, msg)} queue(s)')
print(errors, everything)

topic = Exchange('topic_logs', 'topic')
kern, crit = Queue('kern'), Queue('critical')
topic.bind(kern, 'kern.*')
topic.bind(crit, '*.critical')
for key in ('kern.critical', 'kern.info', 'app.critical', 'app.info'):
    print(f'topic {key}: {[q.name for q in topic.route(key)]}')
