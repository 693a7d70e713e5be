# Python 2 的 exec 语句
exec "print('hi')"
