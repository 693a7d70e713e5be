# 括号没有闭合
connection = dict(host='localhost',
                  port=5672
channel = connection
print(channel)
