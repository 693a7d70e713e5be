# module
# topic 交换机的匹配规则: # 匹配 0 个或多个单词, * 只匹配一个单词
def matches(binding_key, routing_key):
    return _match(binding_key.split('.'), routing_key.split('.'))


def _match(pattern, words):
    if not pattern:
        return not words
    head, rest = pattern[0], pattern[1:]
    if head == '#':
        return any(_match(rest, words[i:]) for i in range(len(words) + 1))
    if not words:
        return False
    if head == '*' or head == words[0]:
        return _match(rest, words[1:])
    return False
