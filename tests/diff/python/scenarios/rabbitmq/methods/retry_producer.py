import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(host='localhost'))
channel = connection.channel()
channel.queue_declare('retry')
channel.basic_publish('', 'retry', 'job')
print(' [x] Sent job')
connection.close()
