# sys.exit(2): 退出状态为 2, finally 仍会执行
import sys


def main():
    try:
        print('checking arguments...')
        if len(sys.argv) < 2:
            print('usage: sys_exit_status.py NAME', file=sys.stderr)
            sys.exit(2)
        print('never reached')
    finally:
        print('cleanup in finally')


main()
print('not printed')
