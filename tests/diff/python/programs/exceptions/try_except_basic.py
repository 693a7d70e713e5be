# try / except 的基本用法
def to_int(text):
    try:
        return int(text)
    except ValueError:
        print(f'  {text!r} is not a number')
        return None


print(to_int('42'), to_int('4x2'), to_int(' 7 '))


def safe_divide(a, b):
    try:
        result = a / b
    except ZeroDivisionError as e:
        print('  error:', e)
        result = float('inf')
    except TypeError as e:
        print('  type error:', e)
        result = None
    return result


print(safe_divide(10, 4), safe_divide(1, 0), safe_divide('1', 2))

# 多个 except 按顺序匹配, 第一个匹配的执行
data = {'a': [1, 2, 3]}
for key, index in [('a', 1), ('b', 0), ('a', 9), (None, 'x')]:
    try:
        print(key, index, '->', data[key][index])
    except KeyError as e:
        print(key, index, '-> KeyError', e)
    except IndexError as e:
        print(key, index, '-> IndexError', e)
    except Exception as e:
        print(key, index, '->', type(e).__name__, e)

# except (A, B) as e 同时捕获多种异常
for value in ['10', 'ten', None, '0']:
    try:
        print(100 // int(value))
    except (ValueError, TypeError) as e:
        print('bad value:', type(e).__name__)
    except ZeroDivisionError:
        print('zero!')

# as 的变量在 except 结束后被删除
try:
    1 / 0
except ZeroDivisionError as err:
    message = str(err)
print(message)
try:
    print(err)
except NameError as e:
    print('NameError:', e)
