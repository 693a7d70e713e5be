# 生成器里的异常: traceback 里有生成器函数的帧
def parse_numbers(lines):
    for line in lines:
        yield float(line)


def running_total(numbers):
    total = 0
    for n in numbers:
        total += n
        yield total


for t in running_total(parse_numbers(['1.5', '2', 'three', '4'])):
    print('total so far', t)
