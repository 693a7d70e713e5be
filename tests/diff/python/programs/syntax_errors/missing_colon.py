# 忘记写冒号
scores = [90, 85]
for score in scores
    print(score)
