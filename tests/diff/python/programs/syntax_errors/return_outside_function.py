# 函数外面的 return
value = 10
return value
