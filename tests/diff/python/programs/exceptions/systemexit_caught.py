# SystemExit 也是异常, 可以被捕获
import sys

for arg in (None, 0, 3, 'bye'):
    try:
        if arg is None:
            sys.exit()
        sys.exit(arg)
    except SystemExit as e:
        print(f'caught SystemExit, code={e.code!r}, args={e.args}')

print(issubclass(SystemExit, Exception), issubclass(SystemExit, BaseException))

# except Exception 捕获不到 SystemExit
try:
    try:
        raise SystemExit(5)
    except Exception:
        print('not here')
except BaseException as e:
    print('BaseException caught', type(e).__name__, e.code)

try:
    exit(7)
except SystemExit as e:
    print('exit() raises SystemExit too:', e.code)
print('exiting with 0 explicitly')
sys.exit(0)
