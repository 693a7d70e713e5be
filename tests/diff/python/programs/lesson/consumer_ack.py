# 消息确认(ack): 没有 ack 的消息会被放回队列, 再投递一次
from collections import deque


class Method:
    def __init__(self, delivery_tag, redelivered):
        self.delivery_tag = delivery_tag
        self.redelivered = redelivered


class Channel:
    def __init__(self, messages):
        self.ready = deque((body, False) for body in messages)
        self.unacked = {}
        self.next_tag = 1

    def basic_ack(self, delivery_tag):
        self.unacked.pop(delivery_tag)

    def consume(self, callback):
        while self.ready:
            body, redelivered = self.ready.popleft()
            tag = self.next_tag
            self.next_tag += 1
            self.unacked[tag] = body
            try:
                callback(self, Method(tag, redelivered), None, body)
            except RuntimeError as e:
                print('   consumer crashed:', e)
            if tag in self.unacked:           # 没有确认: 放回队列
                self.ready.append((self.unacked.pop(tag), True))


def callback(ch, method, properties, body):
    print(" [x] Received %r (tag %d, redelivered=%s)" % (body, method.delivery_tag, method.redelivered))
    if body == b'bad' and not method.redelivered:
        raise RuntimeError('failed before ack')
    ch.basic_ack(delivery_tag=method.delivery_tag)


channel = Channel([b'Hello World!', b'bad', b'third'])
channel.consume(callback)
print('unacked left:', channel.unacked)
