# 循环外面的 break
count = 0
if count == 0:
    break
