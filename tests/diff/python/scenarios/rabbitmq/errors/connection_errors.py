import pika
from pika.exceptions import AMQPConnectionError

for params in [pika.ConnectionParameters(host='localhost', port=5673),
               pika.ConnectionParameters(credentials=pika.PlainCredentials('bob', 'secret')),
               pika.ConnectionParameters(virtual_host='school'),
               pika.URLParameters('amqp://guest:guest@localhost:5672/%2F')]:
    try:
        connection = pika.BlockingConnection(params)
        print('connected', params, connection.is_open)
        connection.close()
    except AMQPConnectionError as e:
        print(type(e).__name__, repr(e))
        print('  str:', str(e))
pika.BlockingConnection(pika.ConnectionParameters(host='localhost', port=5673))
