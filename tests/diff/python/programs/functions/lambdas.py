# lambda: 只有一个表达式的匿名函数
square = lambda x: x * x
add = lambda a, b=10: a + b
print(square(7), add(1), add(1, 2), (lambda: 'no args')())

students = [('张三', 88, 19), ('李四', 95, 20), ('王五', 88, 18), ('赵六', 70, 21)]
print(sorted(students, key=lambda s: s[1]))
print(sorted(students, key=lambda s: (-s[1], s[2])))
print(max(students, key=lambda s: s[2])[0], min(students, key=lambda s: s[1])[0])

words = ['banana', 'Apple', 'cherry', 'date']
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len))
print(list(map(lambda w: w[0].upper(), words)))
print(list(filter(lambda w: len(w) > 4, words)))

operations = {
    '+': lambda a, b: a + b,
    '-': lambda a, b: a - b,
    '*': lambda a, b: a * b,
    '/': lambda a, b: a / b,
}
for op in '+-*/':
    print(f'8 {op} 2 =', operations[op](8, 2))
print(type(square).__name__, square.__name__)
