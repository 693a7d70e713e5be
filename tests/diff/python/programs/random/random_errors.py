# random 的错误用法
import random

random.seed(3)
attempts = [
    ('choice([])', lambda: random.choice([])),
    ('randint(5, 1)', lambda: random.randint(5, 1)),
    ('randrange(0)', lambda: random.randrange(0)),
    ('randrange(1, 1)', lambda: random.randrange(1, 1)),
    ('sample(range(3), 5)', lambda: random.sample(range(3), 5)),
    ('sample(range(3), -1)', lambda: random.sample(range(3), -1)),
    ('randint(1.5, 3)', lambda: random.randint(1.5, 3)),
]
for text, attempt in attempts:
    try:
        print(text, '->', attempt())
    except (IndexError, ValueError, TypeError) as e:
        print(f'{text} -> {type(e).__name__}: {e}')
print('still works:', random.randint(1, 3))
