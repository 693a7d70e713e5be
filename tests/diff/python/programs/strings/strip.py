# strip / lstrip / rstrip
raw = '  \t hello world \n'
print(repr(raw.strip()), repr(raw.lstrip()), repr(raw.rstrip()))
print('xxhixx'.strip('x'), '--==title==--'.strip('-='), 'www.example.com'.lstrip('w.'))
print('abcba'.strip('ab'), '123abc321'.rstrip('0123456789'), 'hello'.strip(''))
print(repr('\u3000全角空格\u3000'.strip()), repr(''.strip()), repr('   '.strip()))
print('report.txt'.removesuffix('.txt'), 'Mr. Li'.removeprefix('Mr. '), 'abc'.removeprefix('x'))
# strip 去掉的是字符集合, 不是子串
print('mississippi'.strip('ips'), 'spam.py'.rstrip('.py'))

lines = ['  apple \n', 'banana\n', '\n', '  cherry']
cleaned = [line.strip() for line in lines if line.strip()]
print(cleaned)
