# pika.connection: where a client connects, and as whom.

from pika.credentials import PlainCredentials



def _unquote(text):
    """`%2F` as `/`: the escapes of a URL's parts."""
    out = bytearray()
    i = 0
    data = text.encode()
    while i < len(data):
        if data[i] == 37 and i + 2 < len(data) and _is_hex(data[i + 1:i + 3]):
            out.append(int(data[i + 1:i + 3].decode(), 16))
            i += 3
        else:
            out.append(data[i])
            i += 1
    return out.decode('utf-8', 'replace')


def _is_hex(pair):
    return len(pair) == 2 and all(c in b'0123456789abcdefABCDEF' for c in pair)


def _split_url(url):
    """scheme, user, password, host, port, path and query of an `amqp://` URL."""
    scheme, _, rest = url.partition('://')
    rest, _, query = rest.partition('?')
    netloc, slash, path = rest.partition('/')
    user = password = None
    if '@' in netloc:
        userinfo, _, netloc = netloc.rpartition('@')
        user, colon, password = userinfo.partition(':')
        if not colon:
            password = None
    host, port = netloc, None
    if netloc.startswith('['):
        host, _, after = netloc[1:].partition(']')
        if after.startswith(':') and after[1:]:
            port = int(after[1:])
    elif ':' in netloc:
        host, _, digits = netloc.partition(':')
        if digits:
            if not digits.isdigit():
                raise ValueError("Port could not be cast to integer value as %r" % digits)
            port = int(digits)
    pairs = {}
    for item in query.split('&'):
        if item:
            key, _, value = item.partition('=')
            pairs[_unquote(key)] = _unquote(value)
    return scheme.lower(), user, password, host.lower() or None, port, slash + path, pairs


class Parameters:
    DEFAULT_HOST = 'localhost'
    DEFAULT_PORT = 5672
    DEFAULT_VIRTUAL_HOST = '/'
    DEFAULT_USERNAME = 'guest'
    DEFAULT_PASSWORD = 'guest'

    def __init__(self):
        self.host = self.DEFAULT_HOST
        self.port = self.DEFAULT_PORT
        self.virtual_host = self.DEFAULT_VIRTUAL_HOST
        self.credentials = PlainCredentials(self.DEFAULT_USERNAME, self.DEFAULT_PASSWORD)
        self.heartbeat = None
        self.blocked_connection_timeout = None
        self.connection_attempts = 1
        self.retry_delay = 2.0
        self.socket_timeout = 10.0
        self.ssl_options = None
        self.client_properties = None

    def __repr__(self):
        return '<%s host=%s port=%s virtual_host=%s ssl=%s>' % (
            self.__class__.__name__, self.host, self.port, self.virtual_host,
            self.ssl_options is not None)


class ConnectionParameters(Parameters):
    def __init__(self, host=None, port=None, virtual_host=None, credentials=None,
                 channel_max=None, frame_max=None, heartbeat=None, ssl_options=None,
                 connection_attempts=None, retry_delay=None, socket_timeout=None,
                 stack_timeout=None, locale=None, blocked_connection_timeout=None,
                 client_properties=None, tcp_options=None, **kwargs):
        super().__init__()
        if kwargs:
            raise TypeError('unexpected kwargs: %r' % (kwargs,))
        if host is not None:
            self.host = host
        if port is not None:
            self.port = port
        if virtual_host is not None:
            self.virtual_host = virtual_host
        if credentials is not None:
            if not isinstance(credentials, PlainCredentials):
                raise TypeError('credentials must be an object of type: '
                                "[<class 'pika.credentials.PlainCredentials'>, "
                                "<class 'pika.credentials.ExternalCredentials'>], but got %r"
                                % (credentials,))
            self.credentials = credentials
        if heartbeat is not None:
            self.heartbeat = heartbeat
        if connection_attempts is not None:
            self.connection_attempts = connection_attempts
        if retry_delay is not None:
            self.retry_delay = retry_delay
        if socket_timeout is not None:
            self.socket_timeout = socket_timeout
        if blocked_connection_timeout is not None:
            self.blocked_connection_timeout = blocked_connection_timeout
        if client_properties is not None:
            self.client_properties = client_properties


class URLParameters(Parameters):
    def __init__(self, url):
        super().__init__()
        scheme, user, password, host, port, path, query = _split_url(url)
        if scheme not in ('amqp', 'amqps'):
            raise ValueError('Unsupported URL scheme %r' % (scheme,))
        if host is not None:
            self.host = host
        if port is not None:
            self.port = port
        if user is not None:
            self.credentials = PlainCredentials(_unquote(user), _unquote(password or ''))
        if len(path) > 1:
            self.virtual_host = _unquote(path.split('/')[1])
        for key, value in query.items():
            if key == 'heartbeat':
                self.heartbeat = int(value)
            elif key == 'connection_attempts':
                self.connection_attempts = int(value)
            elif key == 'retry_delay':
                self.retry_delay = float(value)
            elif key == 'socket_timeout':
                self.socket_timeout = float(value)
            elif key == 'blocked_connection_timeout':
                self.blocked_connection_timeout = float(value)
