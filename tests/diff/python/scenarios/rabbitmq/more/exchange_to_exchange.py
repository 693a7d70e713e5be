import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(host='localhost'))
channel = connection.channel()
channel.exchange_declare('front', exchange_type='topic')
channel.exchange_declare('audit', exchange_type='fanout')
channel.exchange_bind(destination='audit', source='front', routing_key='order.#')
channel.queue_declare('audit_log')
channel.queue_bind('audit_log', 'audit')
headers = channel.exchange_declare('by_headers', exchange_type='headers')
print(headers.method)
channel.queue_declare('big_orders')
channel.queue_bind('big_orders', 'by_headers', arguments={'x-match': 'all', 'size': 'big'})
for key in ['order.created', 'order.paid.cash', 'user.login']:
    channel.basic_publish('front', key, key)
channel.basic_publish('by_headers', '', 'big one', pika.BasicProperties(headers={'size': 'big'}))
channel.basic_publish('by_headers', '', 'small one', pika.BasicProperties(headers={'size': 'small'}))
for queue in ['audit_log', 'big_orders']:
    while True:
        method, properties, body = channel.basic_get(queue, auto_ack=True)
        if method is None:
            break
        print(queue, method.routing_key or "''", body, properties.headers)
channel.exchange_unbind(destination='audit', source='front', routing_key='order.#')
channel.basic_publish('front', 'order.created', 'after unbind')
print(channel.queue_declare('audit_log', passive=True).method.message_count)
print(channel.exchange_delete('audit').method, channel.queue_delete('audit_log').method)
connection.close()
