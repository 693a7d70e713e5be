# pika.spec: the AMQP methods a client sees and the basic properties of a message.


class _Fields:
    """What every AMQP object prints: `<Basic.Deliver([...])>`, the fields that are
    set, sorted."""

    NAME = 'Unextended'

    def __repr__(self):
        items = ['%s=%s' % (key, value) for key, value in self.__dict__.items()
                 if value is not None]
        if not items:
            return '<%s>' % self.NAME
        return '<%s(%s)>' % (self.NAME, sorted(items))


class _Method(_Fields):
    def __init__(self, **fields):
        for name in self._FIELDS:
            setattr(self, name, fields.get(name, self._DEFAULTS.get(name)))

    _DEFAULTS = {}


def _method(name, fields, defaults=None):
    class M(_Method):
        pass
    M.__name__ = M.__qualname__ = name.split('.')[1]
    M.NAME = name
    M._FIELDS = fields
    M._DEFAULTS = defaults or {}
    return M


class Basic:
    Deliver = _method('Basic.Deliver',
                      ['consumer_tag', 'delivery_tag', 'redelivered', 'exchange', 'routing_key'],
                      {'redelivered': False})
    GetOk = _method('Basic.GetOk',
                    ['delivery_tag', 'redelivered', 'exchange', 'routing_key', 'message_count'],
                    {'redelivered': False})
    GetEmpty = _method('Basic.GetEmpty', ['cluster_id'], {'cluster_id': ''})
    ConsumeOk = _method('Basic.ConsumeOk', ['consumer_tag'])
    CancelOk = _method('Basic.CancelOk', ['consumer_tag'])
    QosOk = _method('Basic.QosOk', [])
    Return = _method('Basic.Return', ['reply_code', 'reply_text', 'exchange', 'routing_key'],
                     {'reply_text': ''})
    Ack = _method('Basic.Ack', ['delivery_tag', 'multiple'], {'delivery_tag': 0, 'multiple': False})
    Nack = _method('Basic.Nack', ['delivery_tag', 'multiple', 'requeue'],
                   {'delivery_tag': 0, 'multiple': False, 'requeue': True})


class Queue:
    DeclareOk = _method('Queue.DeclareOk', ['queue', 'message_count', 'consumer_count'])
    BindOk = _method('Queue.BindOk', [])
    UnbindOk = _method('Queue.UnbindOk', [])
    PurgeOk = _method('Queue.PurgeOk', ['message_count'])
    DeleteOk = _method('Queue.DeleteOk', ['message_count'])


class Exchange:
    DeclareOk = _method('Exchange.DeclareOk', [])
    DeleteOk = _method('Exchange.DeleteOk', [])
    BindOk = _method('Exchange.BindOk', [])
    UnbindOk = _method('Exchange.UnbindOk', [])


class Confirm:
    SelectOk = _method('Confirm.SelectOk', [])


class BasicProperties(_Fields):
    NAME = 'BasicProperties'

    def __init__(self, content_type=None, content_encoding=None, headers=None,
                 delivery_mode=None, priority=None, correlation_id=None, reply_to=None,
                 expiration=None, message_id=None, timestamp=None, type=None,
                 user_id=None, app_id=None, cluster_id=None):
        self.content_type = content_type
        self.content_encoding = content_encoding
        self.headers = headers
        self.delivery_mode = getattr(delivery_mode, 'value', delivery_mode)
        self.priority = priority
        self.correlation_id = correlation_id
        self.reply_to = reply_to
        self.expiration = expiration
        self.message_id = message_id
        self.timestamp = timestamp
        self.type = type
        self.user_id = user_id
        self.app_id = app_id
        self.cluster_id = cluster_id


PERSISTENT_DELIVERY_MODE = 2
TRANSIENT_DELIVERY_MODE = 1
