# 课程 "连接池" 的思路: 多个客户端共享一个连接池, 用完的连接放回去重复使用
class Connection:
    created = 0

    def __init__(self, host, port):
        Connection.created += 1
        self.id = Connection.created
        self.address = f'{host}:{port}'

    def __repr__(self):
        return f'<Connection #{self.id} {self.address}>'


class ConnectionPool:
    def __init__(self, host='localhost', port=6379, max_connections=2):
        self.host, self.port = host, port
        self.max_connections = max_connections
        self.idle = []
        self.in_use = []

    def get_connection(self):
        if self.idle:
            conn = self.idle.pop()
        elif len(self.in_use) < self.max_connections:
            conn = Connection(self.host, self.port)
        else:
            raise ConnectionError('Too many connections')
        self.in_use.append(conn)
        return conn

    def release(self, conn):
        self.in_use.remove(conn)
        self.idle.append(conn)


SERVER_DATA = {}                      # 假装这是 redis 服务器里的数据


class Redis:
    def __init__(self, connection_pool):
        self.pool = connection_pool

    def set(self, key, value):
        conn = self.pool.get_connection()
        try:
            SERVER_DATA[key] = str(value).encode()
            return True
        finally:
            self.pool.release(conn)

    def get(self, key):
        conn = self.pool.get_connection()
        try:
            print('  using', conn)
            return SERVER_DATA.get(key)
        finally:
            self.pool.release(conn)


pool = ConnectionPool(host='10.211.55.4', port=6379)
r = Redis(connection_pool=pool)
r.set('foo', 'Bar')
print(r.get('foo'))
r2 = Redis(connection_pool=pool)
print(r2.get('foo'), 'connections created:', Connection.created)
a, b = pool.get_connection(), pool.get_connection()
try:
    pool.get_connection()
except ConnectionError as e:
    print('ConnectionError:', e)
pool.release(a)
print(pool.get_connection() is a, Connection.created)
