import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(host='localhost'))
channel = connection.channel()
channel.queue_declare('retry')
count = 0


def callback(ch, method, properties, body):
    global count
    count += 1
    print(' [x] %d %r' % (count, body))
    ch.basic_ack(method.delivery_tag)
    if count == 2:
        ch.stop_consuming()


channel.basic_consume('retry', callback)
channel.start_consuming()
print('stopped; consumers left:', channel.consumer_tags)
connection.close()
