# del: 删除变量、元素、切片、字典键、属性
nums = [0, 1, 2, 3, 4, 5, 6]
del nums[0]
print(nums)
del nums[-1]
print(nums)
del nums[1:3]
print(nums)
del nums[::2]
print(nums)

d = {'a': 1, 'b': 2, 'c': 3}
del d['b']
print(d)


class Box:
    pass


box = Box()
box.label = 'fragile'
del box.label
print(hasattr(box, 'label'))

x = 10
y = x
del x
print(y)
try:
    print(x)
except NameError as e:
    print('NameError:', e)

a, b = 1, 2
del a, b
for action, name in ((lambda: d['zzz'], 'missing key'), (lambda: nums[10], 'index')):
    try:
        action()
    except LookupError as e:
        print(name, '->', type(e).__name__, e)
try:
    del nums[10]
except IndexError as e:
    print('IndexError:', e)
try:
    del box.label
except AttributeError as e:
    print('AttributeError:', e)
