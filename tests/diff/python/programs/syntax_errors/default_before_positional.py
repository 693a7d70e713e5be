# 有默认值的参数后面不能跟没有默认值的参数
def connect(host='localhost', port):
    return host, port
