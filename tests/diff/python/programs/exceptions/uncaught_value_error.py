# 把用户输入转换成数字失败
answers = ['18', '20', '十八']
ages = []
for answer in answers:
    ages.append(int(answer))
    print('ages so far:', ages)
