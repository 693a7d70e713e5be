import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(host='localhost'))
channel = connection.channel()
print('通道打开了吗?', channel.is_open)
channel.queue_declare(queue='没有这个队列', passive=True)
