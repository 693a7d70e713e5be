# Python 2 的 print "..." 在 Python 3 里是语法错误
print("before")
print "hi"
