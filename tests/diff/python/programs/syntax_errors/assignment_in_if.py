# 在 if 里把 == 写成了 =
x = 3
if x = 3:
    print('three')
