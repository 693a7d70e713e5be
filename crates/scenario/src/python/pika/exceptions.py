# pika.exceptions: the classes and texts pika 1.x raises.


class _Closed:
    """What ConnectionClosed and ChannelClosed share: the reply code and text the
    broker (or the client) closed with."""

    def __init__(self, reply_code, reply_text):
        super().__init__(int(reply_code), str(reply_text))

    def __repr__(self):
        return '{}: ({}) {!r}'.format(self.__class__.__name__, self.reply_code, self.reply_text)

    @property
    def reply_code(self):
        return self.args[0]

    @property
    def reply_text(self):
        return self.args[1]


class AMQPError(Exception):
    def __repr__(self):
        return '%s: An unspecified AMQP error has occurred; %s' % (
            self.__class__.__name__, self.args)


class AMQPConnectionError(AMQPError):
    def __repr__(self):
        if len(self.args) == 2:
            return '{}: ({}) {}'.format(self.__class__.__name__, self.args[0], self.args[1])
        return '{}: {}'.format(self.__class__.__name__, self.args)


class ConnectionOpenAborted(AMQPConnectionError):
    pass


class StreamLostError(AMQPConnectionError):
    pass


class IncompatibleProtocolError(AMQPConnectionError):
    pass


class AuthenticationError(AMQPConnectionError):
    pass


class ProbableAuthenticationError(AMQPConnectionError):
    def __repr__(self):
        return ('%s: Client was disconnected at a connection stage indicating a '
                'probable authentication error: %s' % (self.__class__.__name__, self.args))


class ProbableAccessDeniedError(AMQPConnectionError):
    def __repr__(self):
        return ('%s: Client was disconnected at a connection stage indicating a '
                'probable denial of access to the specified virtual host: %s'
                % (self.__class__.__name__, self.args))


class NoFreeChannels(AMQPConnectionError):
    def __repr__(self):
        return '%s: The connection has run out of free channels' % self.__class__.__name__


class ConnectionWrongStateError(AMQPConnectionError):
    def __repr__(self):
        if self.args:
            return super().__repr__()
        return '%s: The connection is in wrong state for the requested operation.' % (
            self.__class__.__name__)


class ConnectionClosed(_Closed, AMQPConnectionError):
    pass


class ConnectionClosedByBroker(ConnectionClosed):
    pass


class ConnectionClosedByClient(ConnectionClosed):
    pass


class ConnectionBlockedTimeout(AMQPConnectionError):
    pass


class AMQPHeartbeatTimeout(AMQPConnectionError):
    pass


class AMQPChannelError(AMQPError):
    def __repr__(self):
        return '{}: {!r}'.format(self.__class__.__name__, self.args)


class ChannelWrongStateError(AMQPChannelError):
    pass


class ChannelClosed(_Closed, AMQPChannelError):
    pass


class ChannelClosedByBroker(ChannelClosed):
    pass


class ChannelClosedByClient(ChannelClosed):
    pass


class DuplicateConsumerTag(AMQPChannelError):
    def __repr__(self):
        return ('%s: The consumer tag specified already exists for this '
                'channel: %s' % (self.__class__.__name__, self.args[0]))


class ConsumerCancelled(AMQPChannelError):
    def __repr__(self):
        return '%s: Server cancelled consumer' % self.__class__.__name__


class UnroutableError(AMQPChannelError):
    def __init__(self, messages):
        super().__init__('%s unroutable message(s) returned' % len(messages))
        self.messages = messages

    def __repr__(self):
        return '%s: %i unroutable messages returned by broker' % (
            self.__class__.__name__, len(self.messages))


class NackError(AMQPChannelError):
    def __init__(self, messages):
        super().__init__('%s message(s) NACKed' % len(messages))
        self.messages = messages

    def __repr__(self):
        return '%s: %i unroutable messages returned by broker' % (
            self.__class__.__name__, len(self.messages))


class InvalidChannelNumber(AMQPError):
    def __repr__(self):
        return '%s: An invalid channel number has been specified: %s' % (
            self.__class__.__name__, self.args[0])


class ProtocolSyntaxError(AMQPError):
    pass


class UnexpectedFrameError(ProtocolSyntaxError):
    pass


class ProtocolVersionMismatch(ProtocolSyntaxError):
    pass


class BodyTooLongError(ProtocolSyntaxError):
    pass


class InvalidFrameError(ProtocolSyntaxError):
    pass


class InvalidFieldTypeException(ProtocolSyntaxError):
    pass


class UnsupportedAMQPFieldException(ProtocolSyntaxError):
    pass


class MethodNotImplemented(AMQPError):
    pass


class ChannelError(Exception):
    pass


class ReentrancyError(Exception):
    pass


class ShortStringTooLong(AMQPError):
    pass


class DuplicateGetOkCallback(ChannelError):
    pass
