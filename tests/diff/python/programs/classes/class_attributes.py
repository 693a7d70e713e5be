# 类属性和实例属性
class Counter:
    instances = 0
    shared_log = []          # 可变的类属性被所有实例共享(常见陷阱)

    def __init__(self, name):
        Counter.instances += 1
        self.name = name
        self.own_log = []

    def log(self, message):
        self.shared_log.append(f'{self.name}: {message}')
        self.own_log.append(message)


a = Counter('a')
b = Counter('b')
a.log('hello')
b.log('world')
print(Counter.instances, a.instances, b.instances)
print(a.shared_log is b.shared_log, a.shared_log)
print(a.own_log, b.own_log)

# 给实例赋值会创建同名的实例属性, 遮住类属性
a.instances = 100
print(a.instances, b.instances, Counter.instances)
del a.instances
print(a.instances)

# 修改类属性, 所有没有遮住它的实例都能看到
Counter.instances = 7
print(a.instances, b.instances)
print('instances' in a.__dict__, 'name' in a.__dict__, sorted(a.__dict__))
