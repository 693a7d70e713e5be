import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(host='localhost'))
channel = connection.channel()
channel.queue_declare('stream')
for word in ['一', '二', '三']:
    channel.basic_publish('', 'stream', word)
print(' [x] 发了三条')
connection.close()
