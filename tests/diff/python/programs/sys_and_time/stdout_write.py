# sys.stdout.write 返回写入的字符数, 不会自动换行
import sys

n = sys.stdout.write('hello\n')
print('wrote', n)
n = sys.stdout.write('中文\n')
print('wrote', n, 'characters')
count = sys.stdout.write('')
print('empty write returns', count)
written = [sys.stdout.write(part) for part in ('a', 'bc', 'def', '\n')]
print(written)
m = sys.stderr.write('to stderr\n')
print('stderr wrote', m)
sys.stdout.write('no newline at the end')
sys.stdout.write('\n')
print(sys.stdout.write is not None, callable(sys.stdout.flush))
sys.stdout.flush()
try:
    sys.stdout.write(42)
except TypeError as e:
    print('TypeError:', e)
