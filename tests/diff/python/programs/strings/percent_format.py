# % 格式化(课程里的 " [x] Received %r" % body)
body = b'Hello World!'
print(" [x] Received %r" % body)
print(" [x] Sent %r:%r" % ('info', 'Hello World!'))
print('%s is %d years old' % ('张三', 20))
print('%5.2f|%-10s|%10s|' % (3.14159, 'left', 'right'))
print('%x %X %#x %o %#o %e %E %g %G' % (255, 255, 255, 8, 8, 12345.678, 0.00012, 0.00001234, 1e20))
print('%d%% done, %c%c' % (50, 65, 20013))
print('%05d|%-5d|%+d|% d|%.3s|%5.1s|' % (42, 42, 42, 42, 'abcdef', 'xyz'))
print('%(name)s is %(age)d, %(name)r again' % {'name': 'ann', 'age': 30})
print('%s %s' % ([1, 2], {'k': 'v'}), '%s' % (None,), '%r' % 'it\'s')
print('%d %i %u' % (3.99, -2.5, 7), '%.2f' % 2.675, '%s' % 1e16, '%.0f' % 0.5)
print('%s' % 'single', '%s' % ('tuple',), '%s' % [('nested',)])
print('%*d|%-*d|' % (5, 42, 4, 7), '%.*f' % (2, 3.14159))

for fmt, args in [('%d %d', (1,)), ('%d', (1, 2)), ('%d', ('x',)), ('%z', (1,)), ('%(k)s', ('x',))]:
    try:
        print(fmt % args)
    except (TypeError, ValueError, KeyError) as e:
        print(f'{fmt!r} % {args!r} -> {type(e).__name__}: {e}')
