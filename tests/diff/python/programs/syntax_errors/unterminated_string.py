# 字符串没有结束的引号
greeting = 'hello
print(greeting)
