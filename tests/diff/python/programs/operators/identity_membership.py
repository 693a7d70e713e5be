# is 比较的是"是不是同一个对象", == 比较的是"值是否相等"
a = [1, 2, 3]
b = a
c = [1, 2, 3]
print(a == b, a is b)
print(a == c, a is c)
print(a is not c, not a is c)
b.append(4)
print(a, c)

value = None
print(value is None, value is not None, value == None)

# in 和 not in
print(3 in [1, 2, 3], 'x' not in 'abc', 'bc' in 'abc', 'ac' in 'abc')
print((1, 2) in [(1, 2), (3, 4)], [1] in [[1], [2]])
person = {'name': 'Li', 'age': 20}
print('name' in person, 'Li' in person, 'Li' in person.values())
print(5 in range(10), 5 in range(0, 10, 2), '' in 'abc')
print(2 in {1: 'a', 2: 'b'}, 2.0 in [1, 2, 3], True in [1])

# in 用在自己的类上: 没有 __contains__ 时会用 __iter__
class Team:
    def __init__(self, *members):
        self.members = members

    def __iter__(self):
        print('  (iterating)')
        return iter(self.members)


team = Team('Ann', 'Bob')
print('Bob' in team, 'Eve' in team)
try:
    print(1 in 5)
except TypeError as e:
    print('TypeError:', e)
