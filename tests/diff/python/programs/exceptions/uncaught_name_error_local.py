# 函数里用到了未定义的名字(没有相近的名字可以建议)
def greet(name):
    greeting = 'hello, ' + name
    return greetting + suffix


def main():
    print(greet('world'))


main()
