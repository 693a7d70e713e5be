# iter 和 next
it = iter([10, 20, 30])
print(next(it), next(it), next(it), next(it, 'end'), next(it, None))
s = iter('ab')
print(list(s), type(iter([])).__name__, type(iter(range(3))).__name__)
d = {'a': 1, 'b': 2}
keys = iter(d)
print(next(keys), list(keys))

# 同一个迭代器被多处使用
numbers = iter(range(10))
first_three = [next(numbers) for _ in range(3)]
print(first_three, list(zip(numbers, numbers)))

# iter(可调用对象, 哨兵值)
answers = ['y', 'y', 'stop', 'y']
position = -1


def next_answer():
    global position
    position += 1
    return answers[position]


print(list(iter(next_answer, 'stop')))
it = iter([1])
print(iter(it) is it)
try:
    next(iter([]))
except StopIteration as e:
    print('StopIteration', repr(e))
try:
    next('abc')
except TypeError as e:
    print('TypeError:', e)
