# format_map: 直接用字典(或类似字典的对象)填充
config = {'host': 'localhost', 'port': 5672, 'queue': 'hello'}
print('amqp://{host}:{port}/ -> {queue}'.format_map(config))
print('amqp://{host}:{port}/'.format(**config))


class Defaults(dict):
    def __missing__(self, key):
        return f'<{key}?>'


print('{host}:{port} user={user}'.format_map(Defaults(config)))
template = '尊敬的{name}, 您的订单{order}已发货'
for row in [{'name': '张先生', 'order': 'A001'}, {'name': '李女士'}]:
    print(template.format_map(Defaults(row)))
try:
    '{user}'.format_map(config)
except KeyError as e:
    print('KeyError:', e)
