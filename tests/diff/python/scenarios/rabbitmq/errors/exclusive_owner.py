import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(host='localhost'))
channel = connection.channel()
channel.queue_declare(queue='mine', exclusive=True)
print('mine 是我的')
channel.basic_consume('mine', lambda *args: None)
channel.start_consuming()
