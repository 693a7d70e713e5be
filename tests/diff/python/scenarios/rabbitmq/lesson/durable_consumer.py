import pika
connection = pika.BlockingConnection(pika.ConnectionParameters(host='localhost', port=5672))
channel = connection.channel()
channel.queue_declare(queue='hello1', durable=True)


def callback(ch, method, properties, body):
    print(" [x] Received %r" % body)
    print(properties.delivery_mode, properties)
    print('ok')
    ch.basic_ack(delivery_tag=method.delivery_tag)

channel.basic_consume(callback,
                      queue='hello1',
                      no_ack=False)

channel.start_consuming()
