# 所有任务先放进 PriorityQueue, 再启动唯一的工作线程: 处理顺序由优先级决定
import queue
import threading

tasks = queue.PriorityQueue()
for priority, name in [(5, '发周报'), (1, '修复线上故障'), (3, '代码评审'), (1, '回复老板'), (9, '整理桌面')]:
    tasks.put((priority, name))
tasks.put((100, None))                 # 优先级最低的结束信号
log = []


def worker():
    while True:
        priority, name = tasks.get()
        if name is None:
            return
        log.append(f'[{priority}] {name}')


t = threading.Thread(target=worker)
t.start()
t.join()
print('\n'.join(log))
