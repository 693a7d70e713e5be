# stdout 和 stderr 交替输出, 顺序和写入顺序一致
import sys

for i in range(3):
    print('out', i)
    print('err', i, file=sys.stderr)
sys.stdout.write('write to stdout\n')
sys.stderr.write('write to stderr\n')
print('partial line on stdout... ', end='')
print('err in the middle', file=sys.stderr)
print('rest of the line')
