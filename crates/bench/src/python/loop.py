total = 0
counts = {}
recent = []
for i in range(1000000):
    total += i * 7 % 11
    key = i % 97
    counts[key] = counts.get(key, 0) + 1
    recent.append(i)
    if len(recent) == 100:
        recent = recent[50:]
print(total, len(counts), counts[5], len(recent))
