# Python 2 的八进制写法
mode = 0777
