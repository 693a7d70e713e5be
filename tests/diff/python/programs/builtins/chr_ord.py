# chr 和 ord: 字符和 Unicode 码点互相转换
for ch in 'Aa0 中€😀':
    print(repr(ch), ord(ch), hex(ord(ch)))
print(chr(65), chr(97), chr(48), chr(20320) + chr(22909), chr(0x1F600) == '😀')
print(''.join(chr(ord('a') + i) for i in range(26)))
print([chr(c) for c in range(0x4e00, 0x4e08)])
print(ord('b') - ord('a'), chr(ord('A') + 25), ord('\n'), repr(chr(9)))
for bad in (lambda: ord('ab'), lambda: ord(''), lambda: chr(-1), lambda: chr(0x110000), lambda: chr('a')):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ':', e)
