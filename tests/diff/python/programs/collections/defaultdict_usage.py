# collections.defaultdict: 访问不存在的键时自动创建默认值
from collections import defaultdict

groups = defaultdict(list)
for name, dept in [('ann', 'dev'), ('bob', 'ops'), ('cat', 'dev'), ('dan', 'dev')]:
    groups[dept].append(name)
print(groups)
print(dict(groups), groups['hr'], sorted(groups))

counts = defaultdict(int)
for word in 'a b a c b a'.split():
    counts[word] += 1
print(counts, counts['zzz'], len(counts))

tags = defaultdict(set)
tags['py'].add('lang')
tags['py'].add('lang')
print(len(tags['py']), sorted(tags['py']), tags.default_factory)

nested = defaultdict(lambda: defaultdict(int))
nested['2017-04']['login'] += 3
nested['2017-04']['logout'] += 1
print({month: dict(events) for month, events in nested.items()})
print(isinstance(groups, dict), groups.get('nobody'), 'nobody' in groups)
plain = defaultdict()
try:
    plain['missing']
except KeyError as e:
    print('KeyError:', e)
