# 第一次收到就 nack(requeue=True), 第二次 (redelivered) 才 ack
import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(host='localhost'))
channel = connection.channel()
channel.queue_declare('retry')


def callback(ch, method, properties, body):
    print(' [x]', body, 'redelivered' if method.redelivered else 'first time')
    if method.redelivered:
        ch.basic_ack(method.delivery_tag)
    else:
        ch.basic_nack(method.delivery_tag, requeue=True)


channel.basic_consume('retry', callback)
channel.start_consuming()
