# 多层调用的 traceback: 从最外层一直到出错的地方
def average(values):
    return sum(values) / len(values)


def report(name, values):
    return f'{name}: {average(values):.1f}'


def print_reports(groups):
    for name, values in groups.items():
        print(report(name, values))


def main():
    groups = {'一班': [90, 80], '二班': [70, 75, 83], '三班': []}
    print_reports(groups)


main()
