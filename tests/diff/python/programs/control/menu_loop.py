# 一个读取命令的菜单循环(输入来自 menu_loop.stdin)
stock = {'apple': 3}
while True:
    line = input('> ').strip()
    if not line:
        continue
    command, *args = line.split()
    if command == 'quit':
        print('bye')
        break
    elif command == 'add' and len(args) == 2:
        name, count = args[0], int(args[1])
        stock[name] = stock.get(name, 0) + count
        print('added', count, name)
    elif command == 'take' and len(args) == 1:
        name = args[0]
        if stock.get(name, 0) > 0:
            stock[name] -= 1
            print('took one', name)
        else:
            print('no', name, 'left')
    elif command == 'list':
        for name in sorted(stock):
            print(f'  {name}: {stock[name]}')
    else:
        print('unknown command:', line)
print('final stock:', stock)
