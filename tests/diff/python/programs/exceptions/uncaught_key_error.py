# 访问不存在的字典键
user = {'name': '张三', 'age': 20}
print(user['name'], user.get('email', '(no email)'))
print(user['email'])
