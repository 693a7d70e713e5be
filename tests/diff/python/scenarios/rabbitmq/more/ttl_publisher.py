# 一条 300 毫秒就过期, 一条不过期
import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(host='localhost'))
channel = connection.channel()
channel.queue_declare('short_lived', arguments={'x-max-length': 10})
channel.basic_publish('', 'short_lived', 'expires', pika.BasicProperties(expiration='300'))
channel.basic_publish('', 'short_lived', 'stays')
print('sent two')
connection.close()
