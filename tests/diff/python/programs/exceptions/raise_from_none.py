# raise ... from None: 隐藏原来的异常
class NotFound(Exception):
    pass


def lookup(table, key):
    try:
        return table[key]
    except KeyError:
        raise NotFound(f'no such user: {key}') from None


users = {'ann': 1}
print(lookup(users, 'ann'))
try:
    lookup(users, 'bob')
except NotFound as e:
    print('NotFound:', e, '| cause:', e.__cause__, '| suppressed:', e.__suppress_context__)
lookup(users, 'eve')
