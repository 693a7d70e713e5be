# sys.exit("message"): 消息打印到 stderr, 退出状态为 1
import sys

config = {'host': 'localhost'}
print('loading config...')
if 'port' not in config:
    sys.exit('错误: 配置里没有 port')
print('not printed')
