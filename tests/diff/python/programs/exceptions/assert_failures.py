# assert: 条件为假时抛出 AssertionError
def apply_discount(price, rate):
    assert 0 <= rate <= 1, f'折扣率必须在 0 和 1 之间, 实际是 {rate}'
    return price * (1 - rate)


print(apply_discount(100, 0.2))
try:
    apply_discount(100, 1.5)
except AssertionError as e:
    print('AssertionError:', e)

try:
    assert 1 + 1 == 3
except AssertionError as e:
    print('no message:', repr(str(e)), e.args)

items = [1, 2, 3]
assert len(items) == 3
assert items, 'list must not be empty'
print('all checks passed so far')
assert sum(items) == 7, ('sum is', sum(items))
