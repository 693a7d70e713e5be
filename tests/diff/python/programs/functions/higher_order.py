# 函数是对象: 可以赋值、放进容器、作为参数和返回值
def shout(text):
    """把文字变成大写并加上感叹号。"""
    return text.upper() + '!'


def whisper(text):
    return text.lower() + '...'


def speak(style, text):
    return style(text)


say = shout
print(say('hello'), speak(whisper, 'HELLO'), speak(str.title, 'hello world'))
print(shout.__name__, say.__name__, shout.__doc__, whisper.__doc__)
print(callable(shout), callable('shout'))


def compose(*functions):
    def composed(value):
        for function in reversed(functions):
            value = function(value)
        return value
    return composed


strip_then_shout = compose(shout, str.strip)
print(repr(strip_then_shout('  hi  ')))


def apply_all(functions, value):
    return [f(value) for f in functions]


print(apply_all([len, str.upper, shout, sorted], 'cab'))


def memoize(func):
    cache = {}

    def cached(n):
        if n not in cache:
            cache[n] = func(n)
        return cache[n]
    cached.cache = cache
    return cached


@memoize
def slow_square(n):
    print('  computing', n)
    return n * n


print(slow_square(4), slow_square(4), slow_square(5), sorted(slow_square.cache.items()))
