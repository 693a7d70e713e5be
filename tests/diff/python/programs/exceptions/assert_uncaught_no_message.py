# 没有消息的 assert 失败
def withdraw(balance, amount):
    assert amount <= balance
    return balance - amount


print(withdraw(100, 30))
print(withdraw(100, 300))
