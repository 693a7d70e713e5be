# bytes: 不可变的字节序列
data = b'hello'
print(data, type(data).__name__, len(data))
print(data[0], data[-1], data[1:3], data[::-1])
print(list(data))
print(bytes([65, 66, 0, 255]), bytes(3), bytes(range(48, 58)))
print(b'a\nb\\c\'"', b"'", b'\t\r')
print('中文'.encode('utf-8'), bytes('中', 'utf-8'))
print(b'ab' + b'cd', b'ab' * 3, b'b' in b'abc', 98 in b'abc')
print(b'abc' == 'abc', b'abc' == b'abc', b'abc' < b'abd')

# 一个字节一个字节地看
for byte in b'Hi!':
    print(byte, hex(byte), chr(byte))

# bytearray 可以修改
buf = bytearray(b'hello')
buf[0] = ord('H')
buf.append(33)
print(buf, bytes(buf))

# 错误
try:
    data[0] = 72
except TypeError as e:
    print('TypeError:', e)
try:
    b'a' + 'b'
except TypeError as e:
    print('TypeError:', e)
try:
    'a' + b'b'
except TypeError as e:
    print('TypeError:', e)
try:
    bytes([256])
except ValueError as e:
    print('ValueError:', e)
