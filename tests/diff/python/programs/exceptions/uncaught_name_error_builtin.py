# 拼错内置函数的名字: 相近时有建议, 差得太远就没有
values = [3, 1, 2]
for name, attempt in [('Print', lambda: Print(values)), ('lenght', lambda: lenght(values))]:
    try:
        attempt()
    except NameError as e:
        print('caught:', e)
print(sorted(values))
print(lenght(values))
