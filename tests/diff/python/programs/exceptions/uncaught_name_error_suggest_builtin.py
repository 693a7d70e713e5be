# 内置函数名拼错: 建议来自 builtins
scores = [90, 85]
Print(sum(scores))
