# 三层异常链: 先 direct cause, 再 during handling
def parse(text):
    return int(text)


def load(text):
    try:
        return parse(text)
    except ValueError as e:
        raise LookupError('cannot load record') from e


def main():
    try:
        load('abc')
    except LookupError:
        raise RuntimeError('startup failed')


main()
