# pika.adapters.blocking_connection: BlockingConnection and BlockingChannel over the
# page's broker.
#
# `_broker` is put in this module's namespace by the host: it carries each AMQP method
# to the broker model and answers with ('ok', result) or, when the broker closes the
# channel or the connection, ('closed', reply_code, reply_text, whole_connection).
# Waiting for deliveries (`_broker.wait`) parks the calling thread on the virtual
# clock, so callbacks that sleep hold their consumer as on a real broker.

from pika import exceptions
from pika import spec
from pika.connection import Parameters
from pika.frame import Method

# `_SHAPES`, also set by the host, is the calling shapes modelled: 1 for pika 1.x, 0
# for 0.10-0.13, whose BlockingChannel methods took other parameters.


class _ConnectError:
    """The reason inside AMQPConnectionError: its repr names it, its str is empty."""

    def __init__(self, text):
        self._text = text

    def __repr__(self):
        return self._text

    def __str__(self):
        return ''


class _Delivery:
    """A message the broker handed to this client, not yet given to a callback."""

    def __init__(self, channel, fields):
        (self.consumer_tag, self.delivery_tag, self.exchange, self.routing_key,
         self.redelivered, properties, self.body, self.message_count) = fields
        self.properties = spec.BasicProperties(*properties)
        self.channel = channel

    def deliver(self):
        return spec.Basic.Deliver(consumer_tag=self.consumer_tag,
                                  delivery_tag=self.delivery_tag,
                                  redelivered=self.redelivered, exchange=self.exchange,
                                  routing_key=self.routing_key)


class _Closable:
    """What a connection and a channel share: open until a reason to be closed is kept."""

    _closed_reason = None

    @property
    def is_open(self):
        return self._closed_reason is None

    @property
    def is_closed(self):
        return self._closed_reason is not None


class BlockingConnection(_Closable):

    def __init__(self, parameters=None, _impl_class=None):
        if parameters is None:
            parameters = Parameters()
        choices = parameters if isinstance(parameters, (list, tuple)) else [parameters]
        if not choices:
            raise ValueError('Expected a non-empty sequence of connection parameters, but got %r.'
                             % (parameters,))
        for params in choices:
            answer = _broker.connect(params.host, params.port, params.virtual_host,
                                     params.credentials.username, params.credentials.password)
            if not isinstance(answer, str):
                break
        if answer == 'refused':
            raise exceptions.AMQPConnectionError(_ConnectError(
                "AMQPConnectorSocketConnectError: ConnectionRefusedError(111, 'Connection refused')"))
        if answer == 'auth':
            raise exceptions.ProbableAuthenticationError(
                "ConnectionClosedByBroker: (403) 'ACCESS_REFUSED - Login was refused using "
                "authentication mechanism PLAIN. For details see the broker logfile.'")
        if answer == 'vhost':
            raise exceptions.ProbableAccessDeniedError(
                "ConnectionClosedByBroker: (530) 'NOT_ALLOWED - vhost %s not found'"
                % params.virtual_host)
        self._id = answer
        self._params = params
        self._channels = {}
        self._closed_reason = None
        self._dispatching = 0
        self._callbacks = []

    def __repr__(self):
        return '<%s impl=%s>' % (self.__class__.__name__, self._impl_repr())

    def _impl_repr(self):
        if self._closed_reason is None:
            transport = ('<pika.adapters.utils.io_services_utils._AsyncPlaintextTransport '
                         'object at %#x>' % id(self._channels))
            return '<SelectConnection OPEN transport=%s params=%r>' % (transport, self._params)
        return '<SelectConnection CLOSED transport=None params=%r>' % (self._params,)

    def _closed_by_broker(self, code, text):
        """The broker closed the connection: every channel goes with it."""
        reason = exceptions.ConnectionClosedByBroker(code, text)
        self._closed_reason = reason
        for channel in list(self._channels.values()):
            channel._closed_reason = exceptions.ChannelClosedByBroker(code, text)
        self._channels.clear()
        return reason

    def channel(self, channel_number=None):
        if self._closed_reason is not None:
            raise exceptions.ConnectionWrongStateError(
                'Channel allocation requires an open connection: %s' % self._impl_repr())
        if channel_number is None:
            channel_number = 1
            while channel_number in self._channels:
                channel_number += 1
        answer = _broker.open_channel(self._id)
        channel = BlockingChannel(answer, channel_number, self)
        self._channels[channel_number] = channel
        return channel

    def close(self, reply_code=200, reply_text='Normal shutdown'):
        if self._closed_reason is not None:
            raise exceptions.ConnectionWrongStateError(
                'BlockingConnection.close(%s, %r) called on closed connection.'
                % (reply_code, reply_text))
        for channel in list(self._channels.values()):
            if channel.is_open:
                channel.close(reply_code, reply_text)
        _broker.close_connection(self._id)
        self._closed_reason = exceptions.ConnectionClosedByClient(reply_code, reply_text)

    def _dispatch(self):
        """Hands every message that arrived to its callback; whether any did."""
        called = False
        while self._callbacks:
            callback = self._callbacks.pop(0)
            callback()
            called = True
        for channel in list(self._channels.values()):
            if channel._dispatch():
                called = True
        return called

    def process_data_events(self, time_limit=0):
        if self._closed_reason is not None:
            raise exceptions.ConnectionWrongStateError(
                'BlockingConnection.process_data_events called on closed connection.')
        self._dispatching += 1
        try:
            if not self._dispatch() and time_limit != 0:
                _broker.wait(self._id, time_limit)
                self._dispatch()
        finally:
            self._dispatching -= 1

    def sleep(self, duration):
        import time
        deadline = time.monotonic() + duration
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            self.process_data_events(left)

    def add_callback_threadsafe(self, callback):
        if not callable(callback):
            raise TypeError('callback must be a callable, but got %r' % (callback,))
        self._callbacks.append(callback)
        _broker.poke(self._id)

    def call_later(self, delay, callback):
        import threading
        timer = threading.Timer(delay, self.add_callback_threadsafe, [callback])
        timer.daemon = True
        timer.start()
        return timer

    def remove_timeout(self, timeout_id):
        timeout_id.cancel()

    @property
    def basic_nack_supported(self):
        return True

    @property
    def consumer_cancel_notify_supported(self):
        return True

    @property
    def exchange_exchange_bindings_supported(self):
        return True

    @property
    def publisher_confirms_supported(self):
        return True

    basic_nack = basic_nack_supported
    consumer_cancel_notify = consumer_cancel_notify_supported
    exchange_exchange_bindings = exchange_exchange_bindings_supported
    publisher_confirms = publisher_confirms_supported

    def __enter__(self):
        return self

    def __exit__(self, exc_type, value, traceback):
        if self.is_open:
            self.close()


class BlockingChannel(_Closable):

    def __init__(self, impl, channel_number, connection):
        self._impl = impl
        self.channel_number = channel_number
        self.connection = connection
        self._closed_reason = None
        # The broker's answer to an asynchronous method that closed the channel, until
        # the next synchronous one raises it.
        self._pending_close = None
        self._consumers = {}
        self._pending = []
        self._returned = []
        self._return_callbacks = []
        self._confirming = False
        self._generator = None
        self._generator_messages = []

    def __repr__(self):
        state = 'OPEN' if self.is_open else 'CLOSED'
        return '<%s impl=<Channel number=%s %s conn=%s>>' % (
            self.__class__.__name__, self.channel_number, state,
            self.connection._impl_repr())

    def __int__(self):
        return self.channel_number

    @property
    def consumer_tags(self):
        return list(self._consumers)

    def _raise_if_not_open(self):
        if self._closed_reason is not None:
            raise exceptions.ChannelWrongStateError('Channel is closed.')

    def _closed(self, answer):
        """The exception for the broker's closing answer; marks what it closed."""
        _, code, text, whole_connection = answer
        if whole_connection:
            return self.connection._closed_by_broker(code, text)
        self._closed_reason = exceptions.ChannelClosedByBroker(code, text)
        self.connection._channels.pop(self.channel_number, None)
        self._consumers.clear()
        return self._closed_reason

    def _rpc(self, method, *args):
        """A synchronous method: the broker's answer, or its error raised."""
        self._raise_if_not_open()
        if self._pending_close is not None:
            answer, self._pending_close = self._pending_close, None
            raise self._closed(answer)
        answer = _broker.call(self._impl, method, *args)
        if answer[0] == 'closed':
            raise self._closed(answer)
        return answer[1]

    def _send(self, method, *args):
        """An asynchronous method: a broker error shows at the next synchronous one."""
        self._raise_if_not_open()
        if self._pending_close is not None:
            return None
        answer = _broker.call(self._impl, method, *args)
        if answer[0] == 'closed':
            if answer[3]:
                raise self._closed(answer)
            self._pending_close = answer
            return None
        return answer[1]

    def _method(self, method):
        return Method(self.channel_number, method)

    def _dispatch(self):
        """Gives what arrived on this channel to its consumers; whether anything did."""
        if self._pending_close is not None and self._closed_reason is None:
            answer, self._pending_close = self._pending_close, None
            raise self._closed(answer)
        if self._closed_reason is not None:
            return False
        for fields in _broker.take(self._impl):
            self._pending.append(_Delivery(self, fields))
        called = False
        while self._returned:
            returned = self._returned.pop(0)
            for callback in self._return_callbacks:
                callback(self, *returned)
                called = True
        while self._pending and self._closed_reason is None:
            delivery = self._pending.pop(0)
            if self._generator is not None and delivery.consumer_tag == self._generator[0]:
                self._generator_messages.append(
                    (delivery.deliver(), delivery.properties, delivery.body))
                called = True
                continue
            consumer = self._consumers.get(delivery.consumer_tag)
            if consumer is None:
                continue
            consumer(self, delivery.deliver(), delivery.properties, delivery.body)
            called = True
        return called

    # ---- topology -------------------------------------------------------------

    if _SHAPES == 1:
        def exchange_declare(self, exchange, exchange_type='direct', passive=False,
                             durable=False, auto_delete=False, internal=False, arguments=None):
            return self._exchange_declare(exchange, exchange_type, passive, durable,
                                          auto_delete, internal, arguments)
    else:
        def exchange_declare(self, exchange=None, exchange_type='direct', passive=False,
                             durable=False, auto_delete=False, internal=False, arguments=None,
                             **kwargs):
            # pika 0.10 still took the exchange type as `type`.
            exchange_type = kwargs.pop('type', exchange_type)
            if kwargs:
                raise TypeError("BlockingChannel.exchange_declare() got an unexpected "
                                "keyword argument '%s'" % next(iter(kwargs)))
            return self._exchange_declare(exchange, exchange_type, passive, durable,
                                          auto_delete, internal, arguments)

    def _exchange_declare(self, exchange, exchange_type, passive, durable, auto_delete,
                          internal, arguments):
        _require_string(exchange, 'exchange')
        kind = getattr(exchange_type, 'value', exchange_type)
        self._rpc('exchange_declare', exchange, kind, passive, durable, auto_delete,
                  internal, arguments or {})
        return self._method(spec.Exchange.DeclareOk())

    def exchange_delete(self, exchange=None, if_unused=False):
        self._rpc('exchange_delete', exchange or '', if_unused)
        return self._method(spec.Exchange.DeleteOk())

    def exchange_bind(self, destination, source, routing_key='', arguments=None):
        _require_string(destination, 'destination')
        _require_string(source, 'source')
        self._rpc('exchange_bind', destination, source, routing_key, arguments or {})
        return self._method(spec.Exchange.BindOk())

    def exchange_unbind(self, destination=None, source=None, routing_key='', arguments=None):
        self._rpc('exchange_unbind', destination or '', source or '', routing_key,
                  arguments or {})
        return self._method(spec.Exchange.UnbindOk())

    if _SHAPES == 1:
        def queue_declare(self, queue, passive=False, durable=False, exclusive=False,
                          auto_delete=False, arguments=None):
            return self._queue_declare(queue, passive, durable, exclusive, auto_delete,
                                       arguments)
    else:
        def queue_declare(self, queue='', passive=False, durable=False, exclusive=False,
                          auto_delete=False, arguments=None):
            return self._queue_declare(queue, passive, durable, exclusive, auto_delete,
                                       arguments)

    def _queue_declare(self, queue, passive, durable, exclusive, auto_delete, arguments):
        _require_string(queue, 'queue')
        name, messages, consumers = self._rpc('queue_declare', queue, passive, durable,
                                              exclusive, auto_delete, arguments or {})
        return self._method(spec.Queue.DeclareOk(queue=name, message_count=messages,
                                                 consumer_count=consumers))

    def queue_delete(self, queue, if_unused=False, if_empty=False):
        _require_string(queue, 'queue')
        count = self._rpc('queue_delete', queue, if_unused, if_empty)
        return self._method(spec.Queue.DeleteOk(message_count=count))

    def queue_purge(self, queue):
        _require_string(queue, 'queue')
        count = self._rpc('queue_purge', queue)
        return self._method(spec.Queue.PurgeOk(message_count=count))

    def queue_bind(self, queue, exchange, routing_key=None, arguments=None):
        _require_string(queue, 'queue')
        _require_string(exchange, 'exchange')
        self._rpc('queue_bind', queue, exchange,
                  queue if routing_key is None else routing_key, arguments or {})
        return self._method(spec.Queue.BindOk())

    def queue_unbind(self, queue, exchange=None, routing_key=None, arguments=None):
        self._rpc('queue_unbind', queue, exchange or '',
                  queue if routing_key is None else routing_key, arguments or {})
        return self._method(spec.Queue.UnbindOk())

    # ---- publishing -----------------------------------------------------------

    if _SHAPES == 1:
        def basic_publish(self, exchange, routing_key, body, properties=None,
                          mandatory=False):
            return self._basic_publish(exchange, routing_key, body, properties, mandatory)
    else:
        def basic_publish(self, exchange, routing_key, body, properties=None,
                          mandatory=False, immediate=False):
            return self._basic_publish(exchange, routing_key, body, properties, mandatory)

    def _basic_publish(self, exchange, routing_key, body, properties, mandatory):
        self._raise_if_not_open()
        if not isinstance(body, bytes):
            body = body.encode('utf-8')
        props = properties if properties is not None else spec.BasicProperties()
        fields = (props.content_type, props.content_encoding, props.headers,
                  props.delivery_mode, props.priority, props.correlation_id, props.reply_to,
                  props.expiration, props.message_id, props.timestamp, props.type,
                  props.user_id, props.app_id, props.cluster_id)
        if self._confirming:
            returned, acked = self._rpc('basic_publish', exchange, routing_key, body, fields,
                                        mandatory)
            if returned:
                raise exceptions.UnroutableError([(exchange, routing_key, body)])
            if not acked:
                raise exceptions.NackError([(exchange, routing_key, body)])
            return None
        answer = self._send('basic_publish', exchange, routing_key, body, fields, mandatory)
        if answer is not None and answer[0]:
            self._returned.append((
                spec.Basic.Return(reply_code=312, reply_text='NO_ROUTE', exchange=exchange,
                                  routing_key=routing_key), props, body))
        return None

    def confirm_delivery(self):
        self._rpc('confirm_select')
        self._confirming = True

    def add_on_return_callback(self, callback):
        self._return_callbacks.append(callback)

    # ---- consuming ------------------------------------------------------------

    if _SHAPES == 1:
        def basic_qos(self, prefetch_size=0, prefetch_count=0, global_qos=False):
            self._basic_qos(prefetch_size, prefetch_count, global_qos)
    else:
        def basic_qos(self, prefetch_size=0, prefetch_count=0, all_channels=False):
            self._basic_qos(prefetch_size, prefetch_count, all_channels)

    def _basic_qos(self, prefetch_size, prefetch_count, global_qos):
        if prefetch_size:
            # RabbitMQ refuses a size limit and closes the connection.
            self._rpc('basic_qos_size', prefetch_size)
        self._rpc('basic_qos', prefetch_count, global_qos)

    if _SHAPES == 1:
        def basic_consume(self, queue, on_message_callback, auto_ack=False, exclusive=False,
                          consumer_tag=None, arguments=None):
            _require_string(queue, 'queue')
            if not callable(on_message_callback):
                raise TypeError('callback {} must be callable, but got {!r}'.format(
                    'on_message_callback', on_message_callback))
            return self._consume(queue, on_message_callback, auto_ack, exclusive,
                                 consumer_tag, arguments)
    else:
        def basic_consume(self, consumer_callback, queue, no_ack=False, exclusive=False,
                          consumer_tag=None, arguments=None):
            if not callable(consumer_callback):
                raise ValueError('callback must be callable; got %r' % (consumer_callback,))
            return self._consume(queue, consumer_callback, no_ack, exclusive, consumer_tag,
                                 arguments)

    def _consume(self, queue, callback, auto_ack, exclusive, consumer_tag, arguments):
        _require_string(queue, 'queue')
        self._raise_if_not_open()
        if consumer_tag is None or consumer_tag == '':
            consumer_tag = _broker.consumer_tag(self.channel_number)
        if consumer_tag in self._consumers or (
                self._generator is not None and self._generator[0] == consumer_tag):
            raise exceptions.DuplicateConsumerTag(consumer_tag)
        if callback is not None:
            self._consumers[consumer_tag] = callback
        try:
            self._rpc('basic_consume', queue, consumer_tag, auto_ack, exclusive,
                      arguments or {})
        except BaseException:
            self._consumers.pop(consumer_tag, None)
            raise
        return consumer_tag

    def basic_cancel(self, consumer_tag):
        self._raise_if_not_open()
        if consumer_tag not in self._consumers:
            return []
        del self._consumers[consumer_tag]
        self._rpc('basic_cancel', consumer_tag)
        left = [d for d in self._pending if d.consumer_tag != consumer_tag]
        self._pending = left
        return []

    def start_consuming(self):
        if self.connection._dispatching:
            raise exceptions.ReentrancyError(
                'start_consuming may not be called from the scope of '
                'another BlockingConnection or BlockingChannel callback')
        self._raise_if_not_open()
        while self._consumers:
            self.connection.process_data_events(time_limit=None)

    def stop_consuming(self, consumer_tag=None):
        if consumer_tag is not None:
            self.basic_cancel(consumer_tag)
            return
        for tag in list(self._consumers):
            self.basic_cancel(tag)
        if self._generator is not None:
            self.cancel()

    if _SHAPES == 1:
        def consume(self, queue, auto_ack=False, exclusive=False, arguments=None,
                    inactivity_timeout=None, consumer_tag=None):
            return self._consumer_generator(queue, auto_ack, exclusive, arguments,
                                            inactivity_timeout, consumer_tag)
    else:
        def consume(self, queue, no_ack=False, exclusive=False, arguments=None,
                    inactivity_timeout=None):
            return self._consumer_generator(queue, no_ack, exclusive, arguments,
                                            inactivity_timeout, None)

    def _consumer_generator(self, queue, auto_ack, exclusive, arguments, inactivity_timeout,
                            consumer_tag):
        self._raise_if_not_open()
        params = (queue, auto_ack, exclusive)
        if self._generator is not None:
            if params != self._generator[1]:
                raise ValueError(
                    'Consume with different params not allowed on existing '
                    'queue consumer generator; previous params: %r; '
                    'new params: %r' % (self._generator[1], params))
        else:
            tag = self._consume(queue, None, auto_ack, exclusive, consumer_tag, arguments)
            self._generator = (tag, params)
        while self._generator is not None:
            if self._generator_messages:
                yield self._generator_messages.pop(0)
                continue
            self.connection.process_data_events(
                time_limit=None if inactivity_timeout is None else inactivity_timeout)
            if not self._generator_messages and inactivity_timeout is not None:
                yield (None, None, None)

    def cancel(self):
        if self._generator is None:
            return 0
        tag, (queue, auto_ack, exclusive) = self._generator
        self._generator = None
        count = len(self._generator_messages)
        if self.is_open:
            self._rpc('basic_cancel', tag)
            if not auto_ack:
                for method, properties, body in self._generator_messages:
                    self._send('basic_reject', method.delivery_tag, True)
        self._generator_messages = []
        return count

    def get_waiting_message_count(self):
        return len(self._generator_messages)

    if _SHAPES == 1:
        def basic_get(self, queue, auto_ack=False):
            return self._basic_get(queue, auto_ack)
    else:
        def basic_get(self, queue=None, no_ack=False):
            return self._basic_get(queue, no_ack)

    def _basic_get(self, queue, auto_ack):
        _require_string(queue, 'queue')
        fields = self._rpc('basic_get', queue, auto_ack)
        if fields is None:
            return None, None, None
        delivery = _Delivery(self, fields)
        method = spec.Basic.GetOk(delivery_tag=delivery.delivery_tag,
                                  redelivered=delivery.redelivered,
                                  exchange=delivery.exchange,
                                  routing_key=delivery.routing_key,
                                  message_count=delivery.message_count)
        return method, delivery.properties, delivery.body

    def basic_ack(self, delivery_tag=0, multiple=False):
        self._send('basic_ack', _tag(delivery_tag), multiple)

    def basic_nack(self, delivery_tag=0, multiple=False, requeue=True):
        self._send('basic_nack', _tag(delivery_tag), multiple, requeue)

    def basic_reject(self, delivery_tag=0, requeue=True):
        self._send('basic_reject', _tag(delivery_tag), requeue)

    def close(self, reply_code=0, reply_text='Normal shutdown'):
        if self._closed_reason is not None:
            raise exceptions.ChannelWrongStateError('Channel is closed.')
        self._consumers.clear()
        self._generator = None
        _broker.close_channel(self._impl)
        self.connection._channels.pop(self.channel_number, None)
        self._closed_reason = exceptions.ChannelClosedByClient(reply_code, reply_text)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, value, traceback):
        if self.is_open:
            self.close()


def _require_string(value, name):
    if not isinstance(value, str):
        raise TypeError('{} must be a str or unicode str, but got {!r}'.format(name, value))


def _tag(delivery_tag):
    if not isinstance(delivery_tag, int):
        raise TypeError('delivery_tag must be an integer')
    return delivery_tag
