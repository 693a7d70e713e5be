# partition / rpartition / splitlines / startswith / endswith
url = 'amqp://guest:guest@localhost:5672/vhost'
scheme, sep, rest = url.partition('://')
print(scheme, sep, rest)
print(rest.partition('@'), rest.rpartition(':'), 'no-sep'.partition('='), 'no-sep'.rpartition('='))
key, _, value = 'timeout=30'.partition('=')
print(key, int(value))

text = 'line one\nline two\r\nline three\n\nlast'
print(text.splitlines())
print(text.splitlines(keepends=True))
print('a\nb\n'.split('\n'), 'a\nb\n'.splitlines(), ''.splitlines())

names = ['report.txt', 'photo.JPG', 'script.py', 'data.csv', '.bashrc']
print([n for n in names if n.endswith(('.txt', '.csv'))])
print([n for n in names if n.lower().endswith('.jpg')], [n for n in names if n.startswith('.')])
print('hello'.startswith('ell', 1), 'hello'.endswith('ell', 0, 4), 'hello'.startswith(''))
