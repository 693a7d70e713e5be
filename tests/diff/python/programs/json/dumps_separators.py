# separators: 控制逗号和冒号后面的空格
import json

data = {'id': 1001, 'items': [1, 2, 3], 'ok': True}
print(json.dumps(data))
print(json.dumps(data, separators=(',', ':')))
print(json.dumps(data, separators=(', ', ': ')))
print(json.dumps(data, separators=(' ; ', ' = ')))
print(json.dumps(data, indent=2, separators=(',', ': ')))
print(json.dumps(data, indent=2))
compact = json.dumps(data, separators=(',', ':'))
print(len(json.dumps(data)), len(compact))
