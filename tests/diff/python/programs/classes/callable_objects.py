# __call__: 让实例可以像函数一样调用
class Multiplier:
    def __init__(self, factor):
        self.factor = factor
        self.calls = 0

    def __call__(self, value):
        self.calls += 1
        return value * self.factor


triple = Multiplier(3)
print(triple(5), triple('ab'), triple.calls)
print(callable(triple), callable(Multiplier), callable(5))
print(list(map(triple, [1, 2, 3])), triple.calls)


class Validator:
    def __init__(self, *rules):
        self.rules = rules

    def __call__(self, text):
        errors = [message for check, message in self.rules if not check(text)]
        return errors or ['ok']


password = Validator(
    (lambda s: len(s) >= 8, '至少 8 个字符'),
    (lambda s: any(c.isdigit() for c in s), '需要数字'),
    (lambda s: any(c.isupper() for c in s), '需要大写字母'),
)
for attempt in ('abc', 'abcdefgh1', 'Secret123'):
    print(attempt, password(attempt))
try:
    Validator()()
except TypeError as e:
    print('TypeError:', e)
