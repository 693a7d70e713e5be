# 字典保持插入顺序
d = {}
d['first'] = 1
d['second'] = 2
d['third'] = 3
print(list(d))
d['first'] = 100                 # 修改值不改变位置
print(d)
del d['first']
d['first'] = 1                   # 删除后再加入, 放到最后
print(d)
print({'b': 1, 'a': 2} == {'a': 2, 'b': 1}, list({'b': 1, 'a': 2}))
print(dict(sorted({'b': 1, 'c': 3, 'a': 2}.items())))
print(dict(sorted({'b': 1, 'c': 3, 'a': 2}.items(), key=lambda kv: kv[1], reverse=True)))
print(next(iter(d)), list(d)[-1], list(reversed(d)))

# 遍历时修改字典会出错
try:
    for key in d:
        if key == 'second':
            del d[key]
except RuntimeError as e:
    print('RuntimeError:', e)
for key in list(d):
    if key == 'third':
        del d[key]
print(d)
