# collections.Counter: 计数
from collections import Counter

c = Counter('mississippi')
print(c)
print(c['s'], c['z'], c.most_common(2), c.most_common()[-1])
words = 'the cat and the hat and the bat'.split()
wc = Counter(words)
print(wc.most_common(3), len(wc), sum(wc.values()), wc.total())
print(sorted(wc.elements())[:5], list(Counter(a=2, b=1).elements()))
wc.update(['cat', 'cat', 'dog'])
wc.update({'the': 10})
print(wc.most_common(2), wc['dog'])
wc.subtract(['the'] * 20)
print(wc['the'], +wc == Counter({k: v for k, v in wc.items() if v > 0}))
print(Counter(), Counter({'a': 3}), Counter(['x', 'y', 'x']), dict(Counter('aab')))
votes = Counter()
for name in ['张三', '李四', '张三', '王五', '张三', '李四']:
    votes[name] += 1
winner, count = votes.most_common(1)[0]
print(votes, winner, count)
del votes['王五']
print(votes, 'missing' in votes, votes['missing'], 'missing' in votes)
