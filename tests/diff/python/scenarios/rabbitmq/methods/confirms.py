import pika
from pika.exceptions import UnroutableError

connection = pika.BlockingConnection(pika.ConnectionParameters(host='localhost'))
channel = connection.channel()
channel.confirm_delivery()
channel.queue_declare('confirmed')
channel.basic_publish('', 'confirmed', 'kept', mandatory=True)
print('confirmed')
try:
    channel.basic_publish('', 'nobody-listens', 'lost', mandatory=True)
except UnroutableError as e:
    print(repr(e), '|', e, '|', len(e.messages))
channel.basic_publish('', 'nobody-listens', 'dropped quietly')
print(channel.queue_declare('confirmed', passive=True).method.message_count)
print(pika.DeliveryMode.Persistent, repr(pika.DeliveryMode.Transient), pika.DeliveryMode.Persistent.value)
print(pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent))
connection.close()
