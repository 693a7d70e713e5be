# 赋值表达式 := (Python 3.8+)
data = [5, 12, 7, 30, 2]
if (n := len(data)) > 3:
    print(f'list is long ({n} elements)')

# 在 while 条件里读取
commands = ['start', 'work', 'work', 'stop', 'never']
position = 0


def next_command():
    global position
    command = commands[position]
    position += 1
    return command


while (cmd := next_command()) != 'stop':
    print('running', cmd)
print('stopped after', position, 'commands')

# 在推导式中避免重复计算
values = [1, 2, 3, 4, 5, 6]
squares = [y for x in values if (y := x * x) % 2 == 0]
print(squares, y)
