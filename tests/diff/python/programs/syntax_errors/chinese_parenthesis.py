# 中文括号
print（'hello'）
