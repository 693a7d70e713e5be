# json.loads: JSON 字符串 -> Python 对象
import json

text = '{"name": "ann", "age": 30, "score": 95.5, "admin": false, "tags": ["a", "b"], "boss": null}'
data = json.loads(text)
print(data)
for key, value in data.items():
    print(f'{key:>6}: {value!r} ({type(value).__name__})')
print(json.loads('[1, 2.0, 3e2, -4, 1E-2, 12345678901234567890]'))
print(json.loads('"\\u4e2d\\u6587"'), json.loads('"tab\\tnew\\nline"'), json.loads('"\\ud83d\\ude00"'))
print(json.loads('  {"spaces": [ 1 , 2 ]}  '), json.loads('true'), json.loads('null'), json.loads('"s"'))
print(json.loads('NaN'), json.loads('Infinity'), json.loads('-Infinity'))
print(json.loads('{"a": 1, "a": 2}'), json.loads('{}'), json.loads('[]'))
print(json.loads(b'{"bytes": "ok"}'), json.loads('{"k": "\u4e2d"}'))
nested = json.loads('{"users": [{"id": 1, "roles": ["admin"]}, {"id": 2, "roles": []}]}')
print([u['id'] for u in nested['users'] if 'admin' in u['roles']])
