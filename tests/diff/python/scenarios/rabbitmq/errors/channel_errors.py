import pika
from pika.exceptions import ChannelClosedByBroker, ChannelWrongStateError

connection = pika.BlockingConnection(pika.ConnectionParameters(host='localhost'))


def attempt(what, action):
    channel = connection.channel()
    try:
        action(channel)
        print(what, 'ok')
    except ChannelClosedByBroker as e:
        print(what, '->', repr(e))
        print('  reply_code', e.reply_code, 'reply_text', e.reply_text)
        print('  channel open?', channel.is_open, 'connection open?', connection.is_open)
        try:
            channel.basic_publish('', 'x', 'after')
        except ChannelWrongStateError as e:
            print('  then:', repr(e))


attempt('declare', lambda ch: ch.queue_declare('tasks', durable=False))
attempt('redeclare durable', lambda ch: ch.queue_declare('tasks', durable=True))
attempt('reserved name', lambda ch: ch.queue_declare('amq.mine'))
attempt('exchange type', lambda ch: ch.exchange_declare('logs', exchange_type='fanout'))
attempt('exchange retype', lambda ch: ch.exchange_declare('logs', exchange_type='topic'))
attempt('unknown type', lambda ch: ch.exchange_declare('weird', exchange_type='nosuch'))
attempt('bind missing queue', lambda ch: ch.queue_bind('nosuchq', 'logs'))
attempt('bind missing exchange', lambda ch: ch.queue_bind('tasks', 'nosuchx'))
attempt('delete default exchange', lambda ch: ch.exchange_delete(''))
attempt('publish then sync', lambda ch: (ch.basic_publish('nosuchx', 'k', 'm'), ch.queue_declare('tasks')))
attempt('ack unknown tag then sync', lambda ch: (ch.basic_ack(99), ch.basic_qos(prefetch_count=1)))
attempt('delete if empty', lambda ch: (ch.basic_publish('', 'tasks', 'm'), ch.queue_delete('tasks', if_empty=True)))
print(connection.is_open)
connection.close()
print(connection.is_open, connection.is_closed)
