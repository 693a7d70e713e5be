import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(host='localhost'))
channel = connection.channel()
channel.queue_declare('stream')
print(' [*] 等消息, 1.5 秒没有就停')
for method, properties, body in channel.consume('stream', inactivity_timeout=1.5):
    if method is None:
        print(' [*] 没有消息了')
        break
    print(' [x]', method.routing_key, body)
    channel.basic_ack(method.delivery_tag)
print('requeued', channel.cancel())
connection.close()
