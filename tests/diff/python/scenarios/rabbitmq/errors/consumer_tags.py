import pika
from pika.exceptions import DuplicateConsumerTag

connection = pika.BlockingConnection(pika.ConnectionParameters(host='localhost'))
channel = connection.channel()
channel.queue_declare('jobs')
tag = channel.basic_consume('jobs', print, consumer_tag='worker-1')
print(tag, channel.consumer_tags)
try:
    channel.basic_consume('jobs', print, consumer_tag='worker-1')
except DuplicateConsumerTag as e:
    print(repr(e), str(e))
auto = channel.basic_consume('jobs', print)
print(auto.startswith('ctag1.'), len(auto))
channel.basic_cancel('worker-1')
print(len(channel.consumer_tags))
try:
    channel.basic_consume('jobs', 'not a function')
except TypeError as e:
    print(e)
try:
    channel.basic_consume(42, print)
except TypeError as e:
    print(e)
channel.queue_declare(queue='jobs', exclusive=True)
