# 单独的 else
x = 1
print(x)
else:
    print('no')
