# list.sort() 返回 None, 不能再取下标
scores = [70, 95, 88]
best = sorted(scores)[-1]
print('best:', best)
best = scores.sort()[-1]
