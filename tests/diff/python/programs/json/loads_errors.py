# 解析失败时抛出 json.JSONDecodeError(它是 ValueError 的子类)
import json

bad_inputs = ['', '{bad', '[1, 2', '{"a": 1,}', '[1] x', '"abc', 'nul', '{"a" 1}', '[1,,2]',
              "{'a': 1}", '01', '{"a": 1}\n{"b": 2}', '[\n  1,\n  oops\n]']
for text in bad_inputs:
    try:
        json.loads(text)
    except json.JSONDecodeError as e:
        print(f'{text!r:24} {e}')
        print(f'{"":24} msg={e.msg!r} pos={e.pos} line={e.lineno} col={e.colno}')
print(issubclass(json.JSONDecodeError, ValueError))
try:
    json.loads(None)
except TypeError as e:
    print('TypeError:', e)
