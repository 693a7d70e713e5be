# 循环读取输入, 直到输入结束
total = 0
count = 0
while True:
    try:
        line = input()
    except EOFError:
        break
    if not line.strip():
        continue
    try:
        value = float(line)
    except ValueError:
        print(f'skip {line!r}')
        continue
    total += value
    count += 1
print(f'{count} numbers, total {total}, average {total / count:.2f}')
