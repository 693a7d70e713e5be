# 继承、super().__init__、方法重写
class Animal:
    sound = '...'

    def __init__(self, name):
        self.name = name

    def speak(self):
        return f'{self.name} says {self.sound}'

    def describe(self):
        return f'{type(self).__name__} named {self.name}'


class Dog(Animal):
    sound = '汪'

    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed

    def describe(self):
        return super().describe() + f' ({self.breed})'


class Puppy(Dog):
    def speak(self):
        return super().speak() + '~'


class Cat(Animal):
    sound = '喵'


pets = [Dog('旺财', '柴犬'), Cat('咪咪'), Puppy('小黑', '拉布拉多'), Animal('?')]
for pet in pets:
    print(pet.speak(), '|', pet.describe())

p = pets[2]
print(isinstance(p, Puppy), isinstance(p, Dog), isinstance(p, Animal), isinstance(p, Cat))
print(issubclass(Puppy, Animal), issubclass(Cat, Dog), issubclass(Dog, object))
print(isinstance(p, (Cat, Dog)), type(p) is Dog, type(p).__name__)
print(Puppy.__bases__[0].__name__, Dog.__base__.__name__)
print([cls.__name__ for cls in Puppy.__mro__])


class Broken(Animal):
    def __init__(self, name):
        pass                 # 忘记调用 super().__init__


try:
    Broken('x').speak()
except AttributeError as e:
    print('AttributeError:', e)
