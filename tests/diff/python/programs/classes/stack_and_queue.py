# 自己实现栈和队列
class Stack:
    def __init__(self):
        self._items = []

    def push(self, item):
        self._items.append(item)

    def pop(self):
        if not self._items:
            raise IndexError('pop from empty stack')
        return self._items.pop()

    def peek(self):
        return self._items[-1] if self._items else None

    def __len__(self):
        return len(self._items)

    def __repr__(self):
        return f'Stack({self._items})'


def balanced(text):
    pairs = {')': '(', ']': '[', '}': '{'}
    stack = Stack()
    for ch in text:
        if ch in '([{':
            stack.push(ch)
        elif ch in pairs:
            if stack.peek() != pairs[ch]:
                return False
            stack.pop()
    return len(stack) == 0


for text in ('(a[b]{c})', '(]', '((', 'print("hi")', ''):
    print(repr(text), balanced(text))


class Queue:
    def __init__(self):
        self._in, self._out = [], []

    def put(self, item):
        self._in.append(item)

    def get(self):
        if not self._out:
            while self._in:
                self._out.append(self._in.pop())
        return self._out.pop()

    def __len__(self):
        return len(self._in) + len(self._out)


q = Queue()
for i in range(3):
    q.put(f'msg{i}')
print(q.get(), len(q))
q.put('msg3')
print([q.get() for _ in range(len(q))])
s = Stack()
s.push(1)
print(s, s.pop(), s)
try:
    s.pop()
except IndexError as e:
    print('IndexError:', e)
