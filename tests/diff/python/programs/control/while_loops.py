# while 循环, break / continue / else
n = 27
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print('Collatz steps for 27:', steps)

i = 0
while i < 10:
    i += 1
    if i % 3 == 0:
        continue
    if i > 8:
        break
    print(i, end=' ')
print()

# while ... else
count = 3
while count > 0:
    print('countdown', count)
    count -= 1
else:
    print('liftoff!')

balance = 100
while balance > 0:
    balance -= 30
    if balance < 20:
        print('low balance, stop at', balance)
        break
else:
    print('not printed')

# 二分查找
data = [1, 3, 5, 7, 9, 11, 13, 15]
target = 11
low, high = 0, len(data) - 1
while low <= high:
    mid = (low + high) // 2
    print(f'  low={low} high={high} mid={mid}')
    if data[mid] == target:
        print('found at', mid)
        break
    elif data[mid] < target:
        low = mid + 1
    else:
        high = mid - 1
