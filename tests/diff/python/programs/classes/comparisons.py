# __eq__ 和 __lt__: 让对象能比较和排序
class Student:
    def __init__(self, name, score):
        self.name = name
        self.score = score

    def __eq__(self, other):
        if not isinstance(other, Student):
            return NotImplemented
        return self.score == other.score

    def __lt__(self, other):
        return self.score < other.score

    def __repr__(self):
        return f'{self.name}({self.score})'


students = [Student('张三', 88), Student('李四', 95), Student('王五', 72), Student('赵六', 88)]
print(sorted(students))
print(sorted(students, reverse=True))
print(max(students), min(students))
print(students[0] == students[3], students[0] != students[1], students[0] == 'x')
print(students[2] < students[0], students[1] > students[0])   # > 用的是对方的 __lt__
print(Student('a', 1) in students, Student('a', 88) in students)

try:
    print(students[0] <= students[1])
except TypeError as e:
    print('TypeError:', e)

# 定义了 __eq__ 而没有 __hash__ 的对象不能放进集合
try:
    {students[0]}
except TypeError as e:
    print('TypeError:', e)


class Version:
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split('.'))

    def __lt__(self, other):
        return self.parts < other.parts

    def __repr__(self):
        return '.'.join(map(str, self.parts))


print(sorted([Version('1.10.0'), Version('1.2.3'), Version('1.2.10'), Version('0.9')]))
