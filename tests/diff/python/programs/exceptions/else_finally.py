# try / except / else / finally 的各种组合
def attempt(label, action):
    print(f'[{label}]')
    try:
        print('  try')
        action()
    except ValueError as e:
        print('  except:', e)
    else:
        print('  else (no exception)')
    finally:
        print('  finally')


def ok():
    pass


def fail():
    raise ValueError('bad')


attempt('ok', ok)
attempt('fail', fail)

# try / finally 没有 except: 异常会继续往外传
try:
    try:
        print('inner try')
        {}['k']
    finally:
        print('inner finally')
except KeyError as e:
    print('outer caught KeyError', e)

# try / except / else 没有 finally
for text in ('5', 'x'):
    try:
        n = int(text)
    except ValueError:
        print(text, 'invalid')
    else:
        print(text, 'doubled', n * 2)


# finally 在 return、break、continue 时也会执行
def early_return():
    try:
        return 'from try'
    finally:
        print('finally before return')


print(early_return())
for i in range(3):
    try:
        if i == 0:
            continue
        if i == 2:
            break
        print('loop body', i)
    finally:
        print('finally for', i)

# else 里的异常不会被同一个 try 的 except 捕获
try:
    try:
        pass
    except ZeroDivisionError:
        print('not here')
    else:
        1 / 0
except ZeroDivisionError:
    print('the else block raised, caught outside')
