# indent 让输出更好读
import json

config = {
    'rabbitmq': {'host': 'localhost', 'port': 5672, 'queues': ['hello', 'task_queue']},
    'redis': {'host': '10.211.55.4', 'port': 6379, 'db': 0},
    'debug': True,
    'empty_list': [],
    'empty_dict': {},
}
print(json.dumps(config, indent=2))
print(json.dumps([1, [2, [3]]], indent=4))
print(json.dumps(config['redis'], indent='\t'))
print(json.dumps({'z': 1, 'a': {'y': 2, 'b': 3}}, indent=1, sort_keys=True))
print(json.dumps([1, 2], indent=0))
print(json.dumps({'a': [1, 2]}, indent=''))
