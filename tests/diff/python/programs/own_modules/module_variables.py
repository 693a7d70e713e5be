# 模块级变量: import 模块后修改会被共享; from import 得到的是当时的值的另一个名字
import counter_helper
from counter_helper import total, Counter

c1 = Counter()
c2 = Counter(10)
c1.incr()
c1.incr(5)
c2.decr(3)
print(c1.value, c2.value, Counter.created)
print('counter_helper.total =', counter_helper.total)
print('from-imported total  =', total)
counter_helper.total = 100
c1.incr()
print(counter_helper.total, total)
