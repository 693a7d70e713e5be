# 有名字的线程和 Thread 子类里的异常
import threading


class Downloader(threading.Thread):
    def __init__(self, url):
        super().__init__(name='downloader')
        self.url = url

    def run(self):
        print('downloading', self.url)
        parts = self.url.split('://')
        host = parts[1]
        print('host', host)


def check(items):
    print('checking', items)
    return items['missing']


ok = Downloader('http://example.com')
ok.start()
ok.join()
bad = Downloader('example.com')
bad.start()
bad.join()
t = threading.Thread(target=check, args=({},), name='checker')
t.start()
t.join()
print('done; exit status stays 0')
