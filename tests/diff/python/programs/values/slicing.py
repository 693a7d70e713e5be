# 切片: [start:stop:step], 负数从末尾数
nums = list(range(10))
print(nums[2:5], nums[:3], nums[7:], nums[:])
print(nums[-3:], nums[:-3], nums[-5:-2])
print(nums[::2], nums[1::2], nums[::-1], nums[::-3])
print(nums[8:2:-2], nums[2:8:-1], nums[-1:-4:-1])
print(nums[100:], nums[-100:3], nums[5:100])

text = '上海自来水来自海上'
print(text[::-1], text == text[::-1])
print('hello world'[6:], 'hello world'[-5:].upper())
print((1, 2, 3, 4)[1:3], range(10)[2:8:2], range(10)[::-1])

# 切片赋值会改变列表长度
letters = ['a', 'b', 'c', 'd', 'e']
letters[1:3] = ['X', 'Y', 'Z']
print(letters)
letters[::2] = [1, 2, 3]
print(letters)
letters[:0] = ['start']
print(letters)
del letters[::2]
print(letters)
letters[:] = []
print(letters)

# 切片得到的是新列表(浅拷贝)
original = [[1], [2]]
copy = original[:]
copy.append([3])
copy[0].append(99)
print(original, copy)

try:
    nums[::0]
except ValueError as e:
    print('ValueError:', e)
try:
    nums[::2] = [1, 2]
except ValueError as e:
    print('ValueError:', e)
