# 不能序列化的对象
import json


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


for value in ({1, 2}, b'bytes', Point(1, 2), {(1, 2): 'tuple key'}, {'f': print}):
    try:
        json.dumps(value)
    except TypeError as e:
        print('TypeError:', e)
try:
    json.dumps(float('nan'), allow_nan=False)
except ValueError as e:
    print('ValueError:', e)

# default 参数: 把不认识的对象转换成可以序列化的值
def to_json(obj):
    if isinstance(obj, Point):
        return {'x': obj.x, 'y': obj.y}
    if isinstance(obj, set):
        return sorted(obj)
    raise TypeError(f'cannot serialize {type(obj).__name__}')


print(json.dumps({'p': Point(3, 4), 's': {3, 1, 2}}, default=to_json))
try:
    json.dumps({'b': b'x'}, default=to_json)
except TypeError as e:
    print('TypeError:', e)
