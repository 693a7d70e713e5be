# 列表下标越界
queue = ['job1', 'job2']
print(queue[0], queue[-1])
while True:
    print('processing', queue.pop(0))
