# 继承 Thread, 重写 run()
import threading


class Downloader(threading.Thread):
    def __init__(self, url):
        super().__init__()
        self.url = url
        self.size = None

    def run(self):
        # 用网址的长度假装是下载的大小
        self.size = len(self.url) * 100


urls = ['http://a.com', 'http://example.org/page', 'http://python.org']
workers = [Downloader(u) for u in urls]
print([w.name for w in workers])
for w in workers:
    w.start()
for w in workers:
    w.join()
for w in workers:
    print(f'{w.url:<25} {w.size:>5} bytes')
print('total', sum(w.size for w in workers))


class Countdown(threading.Thread):
    def __init__(self, n, out):
        super().__init__(name=f'countdown-{n}')
        self.n = n
        self.out = out

    def run(self):
        while self.n > 0:
            self.out.append(self.n)
            self.n -= 1


out = []
c = Countdown(5, out)
c.start()
c.join()
print(c.name, out)
try:
    c.start()
except RuntimeError as e:
    print('RuntimeError:', e)
