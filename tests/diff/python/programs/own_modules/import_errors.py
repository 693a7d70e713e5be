# 导入失败: 模块不存在、名字不存在
try:
    import helpr
except ModuleNotFoundError as e:
    print('ModuleNotFoundError:', e, '| name:', e.name)
try:
    from helper import Inventry
except ImportError as e:
    print('ImportError:', str(e).split(' (')[0])
print(issubclass(ModuleNotFoundError, ImportError))
import helper
try:
    helper.Inventry
except AttributeError as e:
    print('AttributeError:', e)
