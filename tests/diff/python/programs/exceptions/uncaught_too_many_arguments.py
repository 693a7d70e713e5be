# 方法多传了参数: self 也算一个位置参数
class Channel:
    def queue_declare(self, queue):
        print('declared', queue)


channel = Channel()
channel.queue_declare('hello')
channel.queue_declare('hello', True)
