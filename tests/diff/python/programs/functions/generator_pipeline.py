# 用生成器串起来的处理流水线: 读取 -> 解析 -> 过滤 -> 汇总
log_lines = [
    '2017-04-04 INFO  order.created 1001',
    '2017-04-04 ERROR payment.failed 1002',
    '',
    '2017-04-05 INFO  order.paid 1001',
    '# comment line',
    '2017-04-05 WARN  stock.low 17',
    '2017-04-06 ERROR payment.failed 1005',
]


def non_empty(lines):
    for line in lines:
        line = line.strip()
        if line and not line.startswith('#'):
            yield line


def parse(lines):
    for line in lines:
        date, level, key, value = line.split()
        yield {'date': date, 'level': level, 'key': key, 'value': int(value)}


def only(level, records):
    return (r for r in records if r['level'] == level)


pipeline = only('ERROR', parse(non_empty(log_lines)))
for record in pipeline:
    print(record['date'], record['key'], record['value'])

counts = {}
for record in parse(non_empty(log_lines)):
    counts[record['level']] = counts.get(record['level'], 0) + 1
print(counts)
print(sum(r['value'] for r in parse(non_empty(log_lines)) if r['key'].startswith('order')))
