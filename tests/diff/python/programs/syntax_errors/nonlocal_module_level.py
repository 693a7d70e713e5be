# 模块级别的 nonlocal
nonlocal count
count = 0
