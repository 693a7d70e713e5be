# pika.frame: what the synchronous methods return (`result.method.queue`).


class Method:
    NAME = 'METHOD'

    def __init__(self, channel_number, method):
        self.frame_type = 1
        self.channel_number = channel_number
        self.method = method

    def __repr__(self):
        items = ['%s=%s' % (key, value) for key, value in self.__dict__.items()
                 if value is not None]
        return '<%s(%s)>' % (self.NAME, sorted(items))
