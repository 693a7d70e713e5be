# for ... else: 循环没有被 break 时执行 else
def find_divisor(n):
    for d in range(2, n):
        if n % d == 0:
            print(f'{n} = {d} * {n // d}')
            break
    else:
        print(f'{n} 是质数')


for n in (2, 9, 13, 21, 97):
    find_divisor(n)

# 空序列也会执行 else
for item in []:
    print('never')
else:
    print('empty loop, else runs')

# 在列表里查找
users = ['alice', 'bob', 'carol']
for target in ('bob', 'dave'):
    for index, user in enumerate(users):
        if user == target:
            print('found', target, 'at', index)
            break
    else:
        print(target, 'not found')
