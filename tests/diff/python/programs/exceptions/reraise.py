# 重新抛出异常: 处理一部分, 再交给外层
import sys


def load(name):
    data = {'a': 1}
    try:
        return data[name]
    except KeyError:
        print(f'  load: {name!r} missing, logging and re-raising')
        raise


def process(names):
    results = []
    for name in names:
        try:
            results.append(load(name))
        except KeyError as e:
            results.append(f'missing {e}')
    return results


print(process(['a', 'b']))


def convert(text):
    try:
        return int(text)
    except ValueError as e:
        raise TypeError(f'cannot convert {text!r}') from e


try:
    convert('x')
except TypeError as e:
    print('TypeError:', e)
    print('cause:', type(e.__cause__).__name__, e.__cause__)

print('now an uncaught re-raise:')
sys.stdout.flush()
load('zzz')
