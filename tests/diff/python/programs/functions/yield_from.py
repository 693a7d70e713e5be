# yield from: 把另一个可迭代对象的值原样产出
def inner():
    yield 'a'
    yield 'b'
    return 'inner finished'


def outer():
    yield 'start'
    result = yield from inner()
    print('  inner returned:', result)
    yield from range(3)
    yield from 'xy'
    yield 'end'


print(list(outer()))


def flatten(items):
    for item in items:
        if isinstance(item, (list, tuple)):
            yield from flatten(item)
        else:
            yield item


print(list(flatten([1, [2, (3, [4])], [], 5])))


def chain(*iterables):
    for iterable in iterables:
        yield from iterable


print(list(chain([1, 2], 'ab', (None,), {'k': 'v'})))


def tree_paths(tree, prefix=''):
    for name, child in tree.items():
        path = prefix + '/' + name
        yield path
        if isinstance(child, dict):
            yield from tree_paths(child, path)


files = {'home': {'ann': {'notes.txt': None}, 'bob': {}}, 'tmp': None}
for path in tree_paths(files):
    print(path)
