# 变量名遮住了内置函数
numbers = [4, 2, 7]
print(max(numbers))
max = max(numbers)
print(max)
print(max([1, 2]))
