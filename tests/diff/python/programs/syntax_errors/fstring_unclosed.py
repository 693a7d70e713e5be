# f-string 里的花括号没有闭合
name = 'world'
print(f'hello {name')
