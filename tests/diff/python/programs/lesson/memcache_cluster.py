# 课程 "支持集群": key -> 数字 -> 对主机列表长度取余 -> 选出主机
# 数字用 crc32 计算(自己实现, 练习位运算), 和 python-memcached 一样取 (crc32 >> 16) & 0x7fff
def crc32(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            if crc & 1:
                crc = (crc >> 1) ^ 0xEDB88320
            else:
                crc >>= 1
    return crc ^ 0xFFFFFFFF


def server_hash(key):
    return ((crc32(key.encode('utf-8')) >> 16) & 0x7FFF) or 1


servers = [('1.1.1.1:12000', 1), ('1.1.1.2:12000', 2), ('1.1.1.3:12000', 1)]
buckets = []
for host, weight in servers:          # 权重为 2 的主机在列表里出现两次
    buckets.extend([host] * weight)
print(buckets)
print(hex(crc32(b'123456789')), crc32(b''), crc32('中文'.encode('utf-8')))

placement = {}
for key in ['k1', 'k2', 'foo', 'product_count', 'key0', 'key1', 'key2', '中文键']:
    h = server_hash(key)
    host = buckets[h % len(buckets)]
    placement.setdefault(host, []).append(key)
    print(f'{key:<14} hash={h:>5} -> {host}')
for host in sorted(placement):
    print(host, placement[host])
