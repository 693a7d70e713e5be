# 嵌套的 try: 内层处理不了的交给外层
def step(n):
    if n == 1:
        raise ValueError('step 1 failed')
    if n == 2:
        raise KeyError('step 2')
    if n == 3:
        raise RuntimeError('step 3 failed')
    return f'step {n} ok'


for n in range(5):
    try:
        try:
            print(step(n))
        except ValueError as e:
            print('inner handled:', e)
        except KeyError as e:
            print('inner got KeyError, converting')
            raise RuntimeError('converted') from e
        finally:
            print('  inner finally', n)
    except RuntimeError as e:
        cause = e.__cause__
        context = e.__context__
        print('outer handled:', e, '| cause:', repr(cause), '| context:', repr(context))

# 异常的 __context__ 会自动记录
try:
    try:
        1 / 0
    except ZeroDivisionError:
        int('x')
except ValueError as e:
    print(type(e.__context__).__name__, e.__context__, e.__cause__, e.__suppress_context__)
