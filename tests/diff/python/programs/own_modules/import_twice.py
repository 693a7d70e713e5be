# 同一个模块导入两次, 只执行一次
print('before first import')
import noisy
print('between imports')
import noisy
import noisy as again
from noisy import hello
print('after imports', noisy is again, noisy.loaded_times, hello())
