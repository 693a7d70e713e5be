# 少传了参数
def send(queue, body):
    print(f'send {body!r} to {queue}')


send('hello', 'Hello World!')
send('hello')
