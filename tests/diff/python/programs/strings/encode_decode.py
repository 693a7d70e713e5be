# encode 和 decode, 以及出错时的处理方式
text = 'Café 中文 ok'
utf8 = text.encode('utf-8')
print(utf8, len(text), len(utf8))
print(text.encode('ascii', errors='ignore'), text.encode('ascii', errors='replace'))
print(text.encode('ascii', 'backslashreplace'), text.encode('ascii', 'xmlcharrefreplace'))
print(text.encode('latin-1', errors='replace'), 'é'.encode('latin-1'))
print(utf8.decode(), utf8.decode('utf-8'), str(utf8, 'utf-8'))

broken = b'abc\xff\xfedef\xe4\xb8'
print(broken.decode('utf-8', errors='replace'))
print(broken.decode('utf-8', errors='ignore'))
print(broken.decode('utf-8', errors='backslashreplace'))
print(broken.decode('latin-1'))
for bad in (b'\xff', b'abc\xe4\xb8', b'\xe4\xb8\x41', b'\x80abc'):
    try:
        bad.decode('utf-8')
    except UnicodeDecodeError as e:
        print(bad, '->', e)
try:
    'naïve'.encode('ascii')
except UnicodeEncodeError as e:
    print('UnicodeEncodeError:', e.reason, e.start, e.end)
print(str(b'bytes'), str(b'bytes', 'ascii'), repr('x'.encode()))
