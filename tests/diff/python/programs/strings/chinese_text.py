# 中文字符串: len 按字符计数, 编码后按字节计数
s = '你好, 世界!'
print(s, len(s), len(s.encode('utf-8')))
print(s[0], s[-1], s[:2], s[::-1], s[4:6])
print(s.upper(), s.replace('世界', 'Python'), s.find('世界'), '好' in s)
data = s.encode('utf-8')
print(data)
print(data.decode('utf-8'), data.decode('utf-8') == s)
print(data[:3], data[:3].decode('utf-8'))
print(ord('中'), chr(20013), hex(ord('文')), '\u4e2d\u6587')
print(sorted('三二一'), sorted(['张三', '李四', '王五']), '张三' < '李四')
print('中文'.center(8, '*'), '中文'.ljust(6) + '|', len('中文'.ljust(6)))
print('一,二,三'.split(','), '、'.join(['红', '黄', '蓝']))
print(list('汉字'), [c for c in 'a中b文' if not c.isascii()])
名字 = '变量名也可以是中文'
print(名字, len(名字))
for i, ch in enumerate('春夏秋冬', 1):
    print(i, ch, ch.encode('utf-8').hex())
try:
    data[:2].decode('utf-8')
except UnicodeDecodeError as e:
    print('UnicodeDecodeError:', e)
try:
    '中'.encode('ascii')
except UnicodeEncodeError as e:
    print('UnicodeEncodeError:', e)
