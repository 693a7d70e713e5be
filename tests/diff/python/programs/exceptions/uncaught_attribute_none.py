# 最常见的错误之一: 函数没有 return, 结果是 None
def find_user(users, name):
    for user in users:
        if user['name'] == name:
            return user


users = [{'name': 'ann', 'email': 'ann@example.com'}]
print(find_user(users, 'ann')['email'])
result = sorted(users, key=lambda u: u['name']).sort()
print(result)
found = find_user(users, 'bob')
print(found.get('email'))
