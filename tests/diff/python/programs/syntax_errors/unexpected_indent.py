# 多余的缩进
message = 'hello'
    print(message)
