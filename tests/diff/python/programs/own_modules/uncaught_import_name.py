# 从模块里导入不存在的名字: 错误信息里有模块文件的路径
from helper import VERSION
print('helper version', VERSION)
from helper import Inventry
