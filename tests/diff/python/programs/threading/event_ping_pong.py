# 用 Event 让两个线程轮流打印: 顺序是被强制的, 不依赖调度
import threading

ping_turn = threading.Event()
pong_turn = threading.Event()
ROUNDS = 4


def ping():
    for i in range(ROUNDS):
        ping_turn.wait()
        ping_turn.clear()
        print('ping', i)
        pong_turn.set()


def pong():
    for i in range(ROUNDS):
        pong_turn.wait()
        pong_turn.clear()
        print('    pong', i)
        ping_turn.set()


threads = [threading.Thread(target=ping), threading.Thread(target=pong)]
for t in threads:
    t.start()
ping_turn.set()
for t in threads:
    t.join()
print('done')
