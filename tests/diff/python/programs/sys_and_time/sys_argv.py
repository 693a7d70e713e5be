# argv: info warning 'hello world' 中文 --count=3
# sys.argv: 第一个元素是程序本身的路径, 后面是命令行参数
import sys

print(len(sys.argv), sys.argv[1:])
print(sys.argv[0].endswith('sys_argv.py'), type(sys.argv).__name__)
for i, arg in enumerate(sys.argv[1:], 1):
    print(f'argv[{i}] = {arg!r} ({len(arg)} chars)')
options = {}
words = []
for arg in sys.argv[1:]:
    if arg.startswith('--'):
        key, _, value = arg[2:].partition('=')
        options[key] = value
    else:
        words.append(arg)
print('options:', options, 'words:', words)
print(' '.join(sys.argv[1:3]) or 'no args')
