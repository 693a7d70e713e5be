# 中文逗号
name = '张三'
age = 20
print(name， age)
