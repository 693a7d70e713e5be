# Counter 的加减和交并
from collections import Counter

morning = Counter(apple=3, pear=2, kiwi=1)
evening = Counter(apple=1, pear=4, fig=2)
print('sum:', morning + evening)
print('difference:', morning - evening)      # 只保留正数
print('min (&):', morning & evening)
print('max (|):', morning | evening)
print(evening - morning, Counter(a=1) - Counter(a=5))
stock = Counter(apple=5, pear=1)
stock.subtract(apple=7)
print(stock, +stock, -stock)
print(morning == Counter(kiwi=1, pear=2, apple=3), morning.total())
letters_a = Counter('listen')
letters_b = Counter('silent')
print('anagram:', letters_a == letters_b, Counter('abc') == Counter('abcc'))
