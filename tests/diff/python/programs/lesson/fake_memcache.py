# module
# 一个放在内存里的假 memcache 客户端: 方法名和返回值照着 python-memcached 的样子写
class Client:
    def __init__(self, servers, debug=False, cache_cas=False):
        self.servers = servers
        self.debug = debug
        self.cache_cas = cache_cas
        self._data = {}
        self._cas_ids = {}
        self._next_cas = 1
        self._seen = {}

    def _store(self, key, value):
        self._data[key] = value
        self._cas_ids[key] = self._next_cas
        self._next_cas += 1
        return True

    def set(self, key, value):
        return self._store(key, value)

    def get(self, key):
        return self._data.get(key)

    def add(self, key, value):
        if key in self._data:
            return False
        return self._store(key, value)

    def replace(self, key, value):
        if key not in self._data:
            return False
        return self._store(key, value)

    def set_multi(self, mapping):
        for key, value in mapping.items():
            self._store(key, value)
        return []

    def get_multi(self, keys):
        return {k: self._data[k] for k in keys if k in self._data}

    def delete(self, key):
        self._data.pop(key, None)
        return 1

    def delete_multi(self, keys):
        for key in keys:
            self.delete(key)
        return 1

    def append(self, key, value):
        if key not in self._data:
            return False
        return self._store(key, self._data[key] + value)

    def prepend(self, key, value):
        if key not in self._data:
            return False
        return self._store(key, value + self._data[key])

    def incr(self, key, delta=1):
        if key not in self._data:
            return None
        new = int(self._data[key]) + delta
        self._store(key, str(new))
        return new

    def decr(self, key, delta=1):
        if key not in self._data:
            return None
        new = max(0, int(self._data[key]) - delta)
        self._store(key, str(new))
        return new

    def gets(self, key):
        self._seen[key] = self._cas_ids.get(key)
        return self._data.get(key)

    def cas(self, key, value):
        if key in self._seen and self._seen.pop(key) != self._cas_ids.get(key):
            return False
        return self._store(key, value)
