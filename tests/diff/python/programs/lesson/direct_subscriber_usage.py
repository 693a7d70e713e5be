# 课程 "发布订阅(关键字)" 订阅者: 没有给出 severity 时打印用法并退出(状态 1)
import sys

severities = sys.argv[1:]
if not severities:
    sys.stderr.write("Usage: %s [info] [warning] [error]\n" % sys.argv[0].split('/')[-1])
    sys.exit(1)
print('never printed')
