# 转义字符
print('tab:\t|', 'newline:\\n', 'quote: \' \"', 'backslash: \\')
print('hex \x41\x42, unicode \u4e2d\u6587, octal \101\102, long \U0001F600'.encode('utf-8'))
print('\u4e2d\u6587', '\101', '\x41')
print(len('\n'), len('\\n'), len(r'\n'), len('\x00'), repr('\0'))
print('bell\a'.encode(), repr('\b\f\v\r'), '\u2022'.encode('utf-8'))
print(r'C:\Users\name', 'C:\\Users\\name', r'raw \n stays', len(r'\t'))
print('line one\nline two\n\tindented')
print("it's", 'say "hi"', '''both ' and "''', """triple "quoted" text""")
print('continued \
line')
path = 'C:\new folder'    # \n 在这里变成了换行!
print(path)
print(repr(path), repr(r'C:\new folder'))
print('\u00e9' == 'é', '\xe9' == 'é', 'e\u0301' == 'é', len('e\u0301'))
