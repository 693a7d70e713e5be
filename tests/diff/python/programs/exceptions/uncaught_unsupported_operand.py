# 字符串和数字相加
count = 3
print('count: ' + str(count))
print('count: ' + count)
