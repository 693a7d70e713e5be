# json.dumps: Python 对象 -> JSON 字符串
import json

print(json.dumps({'name': 'ann', 'age': 30, 'admin': False, 'manager': None}))
print(json.dumps([1, 2.5, 'three', True, None, [], {}]))
print(json.dumps('text'), json.dumps(42), json.dumps(3.0), json.dumps(None), json.dumps(True))
print(json.dumps((1, 2)), json.dumps({'nested': {'list': [1, {'deep': 'yes'}]}}))
print(json.dumps({1: 'int key', 2.5: 'float key', True: 'bool key', None: 'none key'}))
print(json.dumps('quote " backslash \\ newline \n tab \t'), json.dumps('\x00\x1f\x7f'))
print(json.dumps(0.1), json.dumps(1e16), json.dumps(1e-7), json.dumps(2 ** 70), json.dumps(-0.0))
print(json.dumps(float('inf')), json.dumps(float('-inf')), json.dumps(float('nan')))
print(json.dumps({'b': 1, 'a': 2}), json.dumps({'b': 1, 'a': 2}, sort_keys=True))
print(type(json.dumps({})).__name__, json.dumps(''), json.dumps([[]]))
