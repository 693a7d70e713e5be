# 猜数字游戏(种子固定, 输入来自 guess_number.stdin)
import random

random.seed(11)
secret = random.randint(1, 100)
tries = 0
while True:
    text = input('猜一个 1-100 的数: ')
    if not text.isdigit():
        print('请输入数字')
        continue
    guess = int(text)
    tries += 1
    if guess < secret:
        print('太小了')
    elif guess > secret:
        print('太大了')
    else:
        print(f'猜对了! 答案是 {secret}, 用了 {tries} 次')
        break
