# 类型不匹配时运算符报的错
five, nothing, text, items = 5, None, 'abc', [1]
attempts = [
    ("1 + '2'", lambda: 1 + '2'),
    ("'2' + 1", lambda: '2' + 1),
    ("[1] + (2,)", lambda: [1] + (2,)),
    ("'a' - 'b'", lambda: 'a' - 'b'),
    ("'ab' * 2.0", lambda: 'ab' * 2.0),
    ("-'x'", lambda: -'x'),
    ("~1.5", lambda: ~1.5),
    ("None + 1", lambda: None + 1),
    ("{} + {}", lambda: {} + {}),
    ("[1, 2] * [3]", lambda: [1, 2] * [3]),
    ("'%d' % 'x'", lambda: '%d' % 'x'),
    ("2 ** 'x'", lambda: 2 ** 'x'),
    ("1 < 'a'", lambda: 1 < 'a'),
    ("[] > 0", lambda: [] > 0),
    ("len(5)", lambda: len(5)),
    ("five()", lambda: five()),
    ("nothing[0]", lambda: nothing[0]),
    ("five[0]", lambda: five[0]),
    ("text['1']", lambda: text['1']),
    ("items[1.0]", lambda: items[1.0]),
]
for text, attempt in attempts:
    try:
        attempt()
    except TypeError as e:
        print(f'{text:<14} TypeError: {e}')

# 正确的写法
print(1 + int('2'), str(1) + '2', [1] + list((2,)), 'ab' * int(2.0))
