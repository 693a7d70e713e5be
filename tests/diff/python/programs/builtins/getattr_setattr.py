# getattr / setattr / hasattr / delattr
class Settings:
    host = 'localhost'

    def __init__(self):
        self.port = 6379


s = Settings()
print(getattr(s, 'host'), getattr(s, 'port'), getattr(s, 'db', 0))
print(hasattr(s, 'host'), hasattr(s, 'db'), hasattr(Settings, 'port'))
setattr(s, 'db', 2)
setattr(s, 'port', 6380)
print(s.db, s.port, getattr(s, 'db', 'default'))
delattr(s, 'db')
print(hasattr(s, 'db'))

# 用字符串调用方法
text = 'Hello'
for name in ('upper', 'lower', 'swapcase', 'title'):
    print(name, getattr(text, name)())

overrides = {'host': '10.211.55.4', 'timeout': 5}
for key, value in overrides.items():
    setattr(s, key, value)
print(s.host, s.timeout, Settings.host)
try:
    getattr(s, 'missing')
except AttributeError as e:
    print('AttributeError:', e)
try:
    delattr(s, 'missing')
except AttributeError as e:
    print('AttributeError:', e)
try:
    setattr(5, 'x', 1)
except AttributeError as e:
    print('AttributeError:', e)
