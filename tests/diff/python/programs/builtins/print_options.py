# print 的 sep、end、file 参数
import sys

print('a', 'b', 'c')
print('a', 'b', 'c', sep='')
print('a', 'b', 'c', sep=' -> ')
print('no newline', end='')
print(' ... continued')
print('x', 'y', sep='\n', end='\n---\n')
print()
print(1, 2.5, None, True, [1, 'two'], {'k': (1,)}, b'bytes')
print('to stderr', file=sys.stderr)
print('back to stdout', flush=True)
print(*range(5), sep=', ')
print('', end='')
print('中文', '输出', sep='|')
print('error:', 404, file=sys.stderr, sep=' ', end='!\n')
print(sep='ignored', end='only end\n')
print(None, sep=None, end=None)
try:
    print('x', sep=1)
except TypeError as e:
    print('TypeError:', e)
