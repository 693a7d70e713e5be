import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(host='localhost'))
channel = connection.channel()
try:
    channel.basic_qos(prefetch_size=1024)
except pika.exceptions.ConnectionClosedByBroker as e:
    print(repr(e))
print(connection.is_open, channel.is_open)
channel.basic_qos(prefetch_count=1)
