# 列表当栈(后进先出)和队列(先进先出)用
stack = []
for page in ['home', 'news', 'article']:
    stack.append(page)
    print('visit', page, stack)
while stack:
    print('back from', stack.pop(), '->', stack[-1] if stack else '(start)')

queue = []
for job in ['job1', 'job2', 'job3']:
    queue.append(job)
print('queue:', queue)
while queue:
    print('processing', queue.pop(0), 'remaining', queue)

# 用列表做一个简单的消息队列
messages = [f'msg-{i}' for i in range(5)]
batch_size = 2
while messages:
    batch, messages = messages[:batch_size], messages[batch_size:]
    print('batch', batch)
