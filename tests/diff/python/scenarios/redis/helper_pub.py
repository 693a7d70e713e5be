# 发布者
from redis_helper import RedisHelper

obj = RedisHelper()
print(obj.public('hello'))
print(obj.public('你好'))
