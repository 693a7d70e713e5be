# 条件表达式: X if 条件 else Y
for score in (95, 85, 72, 60, 59):
    level = '优秀' if score >= 90 else '良好' if score >= 80 else '及格' if score >= 60 else '不及格'
    print(score, level)

n = 7
print('odd' if n % 2 else 'even', abs(n) if n < 0 else n)
numbers = [3, -1, 4, -1, -5, 9]
print([x if x > 0 else 0 for x in numbers])
print([x for x in numbers if x > 0])


def describe(items):
    return f'{len(items)} item' + ('' if len(items) == 1 else 's')


print(describe([1]), describe([]), describe([1, 2]))


def loud(value):
    print('  computing', value)
    return value


# 只计算被选中的那一边
print(loud('yes') if True else loud('no'))
print(loud('yes') if False else loud('no'))
