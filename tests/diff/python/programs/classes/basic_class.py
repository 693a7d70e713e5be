# 类的基本用法: __init__、实例属性、方法
class Dog:
    species = 'Canis familiaris'   # 类属性, 所有实例共享

    def __init__(self, name, age):
        self.name = name            # 实例属性
        self.age = age
        self.tricks = []

    def bark(self):
        return f'{self.name} says 汪汪'

    def learn(self, trick):
        self.tricks.append(trick)
        return self                 # 返回 self 以便链式调用

    def human_years(self):
        return self.age * 7


rex = Dog('Rex', 3)
fido = Dog('Fido', 5)
print(rex.bark(), fido.bark())
rex.learn('sit').learn('roll over')
print(rex.name, rex.age, rex.tricks, fido.tricks)
print(rex.human_years(), Dog.human_years(fido))
print(rex.species, Dog.species, rex.species is fido.species)
rex.age += 1
print(rex.age, type(rex).__name__, type(rex) is Dog, isinstance(rex, Dog))
print(Dog.__name__, Dog.bark.__name__, type(Dog.bark).__name__, type(rex.bark).__name__)

# 可以随时给实例加属性
fido.owner = '小明'
print(fido.owner, hasattr(rex, 'owner'), getattr(rex, 'owner', '没有主人'))
print(repr(rex).startswith('<__main__.Dog object at 0x'))
print(str(rex) == repr(rex), rex == rex, rex == Dog('Rex', 4))
