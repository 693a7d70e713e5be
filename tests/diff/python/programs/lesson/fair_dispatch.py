# 轮流分发 vs basic_qos(prefetch_count=1): 模拟两个处理速度不同的消费者
def dispatch(tasks, speeds, prefetch):
    busy_until = [0] * len(speeds)
    assigned = [[] for _ in speeds]
    for i, cost in enumerate(tasks):
        if prefetch:
            worker = min(range(len(speeds)), key=lambda w: busy_until[w])   # 谁先空闲给谁
        else:
            worker = i % len(speeds)                                       # 按顺序轮流
        busy_until[worker] += cost * speeds[worker]
        assigned[worker].append(i)
    return assigned, max(busy_until)


tasks = [3, 1, 3, 1, 3, 1, 3, 1]
speeds = [1, 4]                       # 消费者 1 比消费者 0 慢 4 倍
for prefetch in (False, True):
    assigned, finish = dispatch(tasks, speeds, prefetch)
    label = 'prefetch_count=1' if prefetch else 'round robin'
    print(f'{label:>16}: worker0={assigned[0]} worker1={assigned[1]} all done at t={finish}')
