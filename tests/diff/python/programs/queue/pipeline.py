# 两级流水线: 下载 -> 解析 -> 汇总, 线程之间用队列传递
import queue
import threading

urls = [f'http://site{i}.com/page{j}' for i in range(3) for j in range(4)]
raw_pages = queue.Queue(5)
parsed = queue.Queue(5)
summary = {}


def downloader(chunk):
    for url in chunk:
        raw_pages.put((url, '<html>' + 'x' * len(url) + '</html>'))


def parser():
    while True:
        item = raw_pages.get()
        if item is None:
            parsed.put(None)
            return
        url, html = item
        parsed.put((url.split('/')[2], len(html)))


def collector(parser_count):
    finished = 0
    while finished < parser_count:
        item = parsed.get()
        if item is None:
            finished += 1
            continue
        site, size = item
        summary[site] = summary.get(site, 0) + size


downloaders = [threading.Thread(target=downloader, args=(urls[i::3],)) for i in range(3)]
parsers = [threading.Thread(target=parser) for _ in range(2)]
collect = threading.Thread(target=collector, args=(len(parsers),))
for t in downloaders + parsers + [collect]:
    t.start()
for t in downloaders:
    t.join()
for _ in parsers:
    raw_pages.put(None)
for t in parsers + [collect]:
    t.join()
for site in sorted(summary):
    print(site, summary[site])
