# 整除和取模: 向负无穷取整, 余数的符号跟除数一致
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (6, 3), (-6, 3), (0, 5), (1, 10)]
for a, b in pairs:
    print(f'{a:>3} // {b:>2} = {a // b:>3}   {a:>3} % {b:>2} = {a % b:>3}   divmod = {divmod(a, b)}')

# 浮点数也一样
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2)
print(divmod(-7.5, 2), divmod(7, 0.5))
print(-1 % 360, 370 % 360, -370 % 360)

# 秒数换算成时分秒
seconds = 100000
hours, rest = divmod(seconds, 3600)
minutes, secs = divmod(rest, 60)
print(f'{seconds} 秒 = {hours} 小时 {minutes} 分 {secs} 秒')

# 除以零: 每种写法的报错信息都不一样
attempts = [
    ('1 // 0', lambda: 1 // 0),
    ('1 % 0', lambda: 1 % 0),
    ('1.0 // 0', lambda: 1.0 // 0),
    ('1.0 % 0', lambda: 1.0 % 0),
    ('divmod(1, 0)', lambda: divmod(1, 0)),
    ('1 / 0', lambda: 1 / 0),
    ('1.0 / 0', lambda: 1.0 / 0),
]
for text, attempt in attempts:
    try:
        attempt()
    except ZeroDivisionError as e:
        print(text, '->', e)
