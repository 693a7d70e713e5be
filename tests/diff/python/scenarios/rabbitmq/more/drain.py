import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(host='localhost'))
channel = connection.channel()
while True:
    method, properties, body = channel.basic_get('short_lived', auto_ack=True)
    if method is None:
        break
    print(body, properties.expiration, method.message_count)
print('empty')
connection.close()
