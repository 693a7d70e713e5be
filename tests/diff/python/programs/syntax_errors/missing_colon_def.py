# 函数定义忘记写冒号
def callback(ch, method, properties, body)
    print(" [x] Received %r" % body)
