# split / rsplit / join
line = 'old.boy.python'
print(line.split('.'), line.split('.', 1), line.rsplit('.', 1))
print('  a  b\tc\n d  '.split(), '  a  b  '.split(' '))
print('a,,b,'.split(','), ''.split(','), ''.split(), 'abc'.split('x'))
print('k1=v1;k2=v2'.split(';'), [kv.split('=') for kv in 'k1=v1;k2=v2'.split(';')])
print('1 2 3'.split(maxsplit=1), 'a b c d'.rsplit(maxsplit=2))
print(dict(item.split(':') for item in 'host:localhost port:6379'.split()))

words = ['Python', 'Redis', 'RabbitMQ']
print(' '.join(words), ', '.join(words), ''.join(words), '-'.join('abc'))
print(' | '.join(str(n) for n in range(5)), '\n'.join(['line1', 'line2']))
print('/'.join(['', 'usr', 'bin']), ','.join([]), '+'.join(['solo']))

# sys.argv 风格: ' '.join(sys.argv[1:]) or 默认值
args = []
message = ' '.join(args[1:]) or 'info: Hello World!'
print(message)
try:
    ', '.join(['a', 1, 'b'])
except TypeError as e:
    print('TypeError:', e)
try:
    'a b'.split('')
except ValueError as e:
    print('ValueError:', e)
