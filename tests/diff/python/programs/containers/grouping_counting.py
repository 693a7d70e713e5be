# 用字典分组和计数
words = ['apple', 'avocado', 'banana', 'blueberry', 'cherry', 'apricot', 'beet']

# 计数: get(key, 0) + 1
first_letters = {}
for w in words:
    first_letters[w[0]] = first_letters.get(w[0], 0) + 1
print(first_letters)

# 分组: setdefault
groups = {}
for w in words:
    groups.setdefault(len(w), []).append(w)
for length in sorted(groups):
    print(length, groups[length])

# 反转字典
color = {'apple': 'red', 'banana': 'yellow', 'cherry': 'red'}
by_color = {}
for fruit, c in color.items():
    by_color.setdefault(c, []).append(fruit)
print(by_color)

# 统计投票
votes = '张三 李四 张三 王五 张三 李四'.split()
tally = {}
for name in votes:
    tally[name] = tally.get(name, 0) + 1
winner = max(tally, key=tally.get)
print(tally, 'winner:', winner)
print(sorted(tally.items(), key=lambda kv: kv[1], reverse=True))
