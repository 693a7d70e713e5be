# 对内置类型调用不存在的方法
items = ['b', 'a']
items.append('c')
print(items)
text = 'hello'
print(text.upper())
items.push('d')
