# Python 2 的 except Exception, e:
try:
    value = int('x')
except Exception, e:
    print(e)
