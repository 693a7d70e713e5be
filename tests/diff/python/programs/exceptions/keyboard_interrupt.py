# 消费者循环: 按 CTRL+C 退出(这里由程序自己抛出 KeyboardInterrupt)
messages = ['Hello World!', 'second', 'third']


def start_consuming():
    print(' [*] Waiting for messages. To exit press CTRL+C')
    count = 0
    while True:
        if count == len(messages):
            raise KeyboardInterrupt
        print(' [x] Received %r' % messages[count])
        count += 1


try:
    start_consuming()
except KeyboardInterrupt:
    print(' [*] interrupted, closing connection')
print(issubclass(KeyboardInterrupt, Exception), issubclass(KeyboardInterrupt, BaseException))
