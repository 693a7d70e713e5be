# 可变默认参数的陷阱: 默认列表只创建一次, 每次调用共用
def add_item(item, bucket=[]):
    bucket.append(item)
    return bucket


print(add_item('a'))
print(add_item('b'))
print(add_item('c', []))
print(add_item('d'))


# 正确的写法: 用 None 作默认值
def add_item_safely(item, bucket=None):
    if bucket is None:
        bucket = []
    bucket.append(item)
    return bucket


print(add_item_safely('a'))
print(add_item_safely('b'))


# 字典也一样
def register(name, registry={}):
    registry[name] = len(registry) + 1
    return registry


register('x')
print(register('y'))
print(add_item.__defaults__, add_item_safely.__defaults__)
