# str.format: 位置、名字、下标、属性
print('{} + {} = {}'.format(1, 2, 3))
print('{0} {1} {0}'.format('a', 'b'), '{1}{0}'.format('x', 'y'))
print('{name} is {age}'.format(name='张三', age=20))
person = {'name': '李四', 'langs': ['Python', 'Go']}
print('{0[name]} knows {0[langs][0]}'.format(person), '{p[langs][1]}'.format(p=person))
print('{0[1]} {0[0]}'.format(('first', 'second')))


class Server:
    host = '10.211.55.4'
    port = 12000


print('{s.host}:{s.port}'.format(s=Server), '{0.host}'.format(Server()))
print('{!r} {!s} {!a}'.format('中文', '中文', '中文'))
print('{{literal braces}} {}'.format('ok'), '{{}}'.format())
print('{:>10}|{:<10}|{:^10}|'.format('right', 'left', 'center'))
print('{:*>10}|{:-<10}|{:.^10}|'.format('r', 'l', 'c'))
print('{0:{fill}{align}{width}}'.format('nested', fill='#', align='^', width=12))
print('{:{}.{}f}'.format(3.14159, 10, 2))
print(format(12345.678, ',.2f'), format('x', '>3'), format(255, '#x'))

attempts = [('{} {}', ['only one']), ('{0} {2}', ['a', 'b']), ('{name}', []),
            ('{0[5]}', [[1]]), ('{:d}', ['text'])]
for template, args in attempts:
    try:
        print(template.format(*args))
    except (IndexError, KeyError, ValueError) as e:
        print(f'{template!r}: {type(e).__name__}: {e}')
