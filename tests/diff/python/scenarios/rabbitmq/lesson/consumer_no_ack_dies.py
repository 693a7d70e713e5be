# 收到消息但没有 ack 就退出了: 消息回到队列, 交给下一个消费者
import sys
import pika
connection = pika.BlockingConnection(pika.ConnectionParameters(host='localhost', port=5672))
channel = connection.channel()
channel.queue_declare(queue='hello')


def callback(ch, method, properties, body):
    print(" [x] Received %r, redelivered=%s" % (body, method.redelivered))
    print(' 崩溃了, 没有 ack')
    sys.exit(1)

channel.basic_consume(callback, queue='hello', no_ack=False)
channel.start_consuming()
