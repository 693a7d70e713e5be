# bytes 的常用方法
msg = b'GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n'
request_line, _, rest = msg.partition(b'\r\n')
print(request_line, request_line.split(), rest.split(b'\r\n'))
print(msg.startswith(b'GET'), msg.endswith(b'\r\n\r\n'), msg.find(b'Host'), msg.count(b'\r\n'))
print(b'hello'.upper(), b'  pad  '.strip(), b'a-b-c'.replace(b'-', b'+'), b'abc'.title())
print(b', '.join([b'one', b'two', b'three']), b''.join([b'a', b'b']))
print(b'hello'.hex(), b'\x00\xffA'.hex(), b'hello'.hex(':'), bytes.fromhex('48 65 6c 6c 6f'))
print(bytes.fromhex('e4b8ad').decode('utf-8'), b'abc'.decode(), b'123'.isdigit(), b'ab'.isalpha())
print(b'x' * 3, b'abc'[1], b'abc'[1:], list(b'AB'), b'%d items' % 3, b'%s!' % b'hi')
print(b'key=value'.split(b'='), b'a b  c'.split(), b'line1\nline2'.splitlines())
print(b'abc' in b'xxabcxx', b'abc'.index(b'c'), b'abcabc'.rfind(b'a'), len(b'\x00\x01'))
try:
    b', '.join(['str'])
except TypeError as e:
    print('TypeError:', e)
try:
    bytes.fromhex('zz')
except ValueError as e:
    print('ValueError:', e)
try:
    b'abc'.index(b'z')
except ValueError as e:
    print('ValueError:', e)
