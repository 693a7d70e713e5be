import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(host='localhost'))
channel = connection.channel()
channel.queue_declare('inbox')
print(channel.basic_get('inbox'))
for n in range(4):
    channel.basic_publish('', 'inbox', '消息 %d' % n,
                          pika.BasicProperties(content_type='text/plain', priority=n,
                                               headers={'n': n, 'ok': True, 'who': 'me'}))
method, properties, body = channel.basic_get('inbox')
print(method)
print(properties)
print(body.decode())
channel.basic_reject(method.delivery_tag, requeue=True)
method, properties, body = channel.basic_get('inbox')
print(method.redelivered, method.message_count, body.decode())
channel.basic_nack(method.delivery_tag, requeue=False)
method, _, body = channel.basic_get('inbox', auto_ack=True)
print(method.delivery_tag, body.decode())
method, _, body = channel.basic_get('inbox')
method2, _, body2 = channel.basic_get('inbox')
channel.basic_ack(method2.delivery_tag, multiple=True)
print(body, body2, channel.basic_get('inbox'))
print(channel.queue_declare('inbox', passive=True).method.message_count)
for n in range(3):
    channel.basic_publish('', 'inbox', b'x')
print(channel.queue_purge('inbox'))
print(channel.queue_delete('inbox'))
connection.close()
