# 在 except 里又出错: "During handling of the above exception, another exception occurred"
def average(values):
    try:
        return sum(values) / len(values)
    except ZeroDivisionError:
        print('empty list, logging', values[0])


print(average([1, 2, 3]))
print(average([]))
