# 缩进和外层对不上
def consumer(i):
    while True:
        msg = i
      print(msg)
