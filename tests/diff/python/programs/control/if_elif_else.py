# if / elif / else
def grade(score):
    if score < 0 or score > 100:
        return '无效分数'
    elif score >= 90:
        return 'A'
    elif score >= 80:
        return 'B'
    elif score >= 60:
        return 'C'
    else:
        return 'D'


for s in (100, 90, 89.5, 80, 61, 60, 59, 0, -1, 101):
    print(s, grade(s))


def leap_year(year):
    if year % 400 == 0:
        return True
    if year % 100 == 0:
        return False
    return year % 4 == 0


print([y for y in (1900, 2000, 2023, 2024, 2100) if leap_year(y)])

# 嵌套 if, 以及空的分支用 pass
temperature, raining = 28, False
if temperature > 25:
    if raining:
        print('热, 但在下雨')
    else:
        print('热, 去游泳')
else:
    pass
if not raining and temperature:
    print('不下雨')
