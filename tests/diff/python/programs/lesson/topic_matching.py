# topic 交换机的匹配表: 每个路由键和每个绑定键是否匹配
from topic_rules import matches

# 课程里的例子
print('old.boy.python', 'old.*', '--', '匹配' if matches('old.*', 'old.boy.python') else '不匹配')
print('old.boy.python', 'old.#', '--', '匹配' if matches('old.#', 'old.boy.python') else '不匹配')

bindings = ['*.orange.*', '*.*.rabbit', 'lazy.#', '#', 'quick.#.fox', '#.end']
keys = ['quick.orange.rabbit', 'lazy.orange.elephant', 'quick.orange.fox', 'lazy.brown.fox',
        'lazy.pink.rabbit', 'quick.brown.fox', 'orange', 'quick.orange.male.rabbit', 'lazy',
        'quick.fox', 'the.end', 'end']
width = max(len(k) for k in keys)
print(' ' * width, ' '.join(f'{b:^12}' for b in bindings))
for key in keys:
    row = ' '.join(f'{"x" if matches(b, key) else ".":^12}' for b in bindings)
    print(key.ljust(width), row)
