# 程序前面输出了很多内容, 最后未捕获的异常让退出状态为 1
import sys

for i in range(5):
    print('line', i)
    sys.stderr.write(f'log {i}\n')
data = {'items': [1, 2, 3]}
print(data['items'][3])
