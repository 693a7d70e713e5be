# NameError: 拼错变量名时, Python 会给出建议
message_count = 3
for i in range(message_count):
    print('message', i)
print('total:', mesage_count)
