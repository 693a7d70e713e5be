# mandatory 消息没有队列收: 没有 confirm 时由 add_on_return_callback 收回
import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(host='localhost'))
channel = connection.channel()


def on_return(ch, method, properties, body):
    print('returned:', method.reply_code, method.reply_text, method.exchange or "''",
          method.routing_key, body)


channel.add_on_return_callback(on_return)
channel.basic_publish('', 'no-such-queue', 'come back', mandatory=True)
channel.basic_publish('', 'no-such-queue', 'just lost')
connection.process_data_events(time_limit=0.5)
print('done')
connection.close()
