# 不能给 True 赋值
True = 0
