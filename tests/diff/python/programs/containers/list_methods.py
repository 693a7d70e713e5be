# 列表的常用方法
tasks = ['wash', 'cook']
tasks.append('shop')
tasks.insert(0, 'wake up')
tasks.insert(100, 'sleep')          # 超出范围就放到末尾
tasks.insert(-1, 'read')
print(tasks)
tasks.extend(['walk', 'cook'])
print(tasks, len(tasks))
print(tasks.index('cook'), tasks.index('cook', 3), tasks.count('cook'), tasks.count('fly'))
tasks.remove('cook')                 # 只删除第一个
print(tasks)
print(tasks.pop(), tasks.pop(0), tasks.pop(-2), tasks)
tasks.reverse()
print(tasks)
tasks.sort()
print(tasks)
copy = tasks.copy()
tasks.clear()
print(tasks, copy)

numbers = [5, 2, 8, 1]
result = numbers.sort()              # sort 原地排序, 返回 None
print(result, numbers, sorted(numbers, reverse=True), numbers)
print(numbers.append(9), numbers)

for action in (lambda: [].pop(), lambda: [1].pop(5), lambda: [1, 2].remove(3), lambda: [1].index(7)):
    try:
        action()
    except (IndexError, ValueError) as e:
        print(type(e).__name__ + ':', e)
