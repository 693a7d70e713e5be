# 独占队列随连接消失
import pika
from pika.exceptions import ChannelClosedByBroker

connection = pika.BlockingConnection(pika.ConnectionParameters(host='localhost'))
channel = connection.channel()
channel.queue_declare('mine', exclusive=True)
print(channel.queue_declare('mine', passive=True).method.queue, '在')
connection.close()

connection = pika.BlockingConnection(pika.ConnectionParameters(host='localhost'))
channel = connection.channel()
try:
    channel.queue_declare('mine', passive=True)
except ChannelClosedByBroker as e:
    print(e.reply_code, e.reply_text)
channel = connection.channel()
print('新的通道号', channel.channel_number)
with pika.BlockingConnection(pika.ConnectionParameters(host='localhost')) as other:
    print(other.is_open, other.channel().channel_number)
print(other.is_open)
connection.close()
