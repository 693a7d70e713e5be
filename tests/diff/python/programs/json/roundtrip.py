# dumps 再 loads: 有些类型会变
import json

original = {'tuple': (1, 2), 1: 'int key', 'float': 1.0, 'nested': [{'a': None}], 'big': 10 ** 20}
text = json.dumps(original)
back = json.loads(text)
print(text)
print(back)
print(back == original, back['tuple'], type(back['tuple']).__name__, '1' in back, 1 in back)
print(type(back['float']).__name__, back['float'], json.loads('1.0') == 1)

# 模拟把消息体(JSON)放进队列再取出来
messages = []
for i in range(3):
    body = json.dumps({'seq': i, 'text': f'消息{i}'}, ensure_ascii=False)
    messages.append(body.encode('utf-8'))
print(messages[0])
for raw in messages:
    msg = json.loads(raw.decode('utf-8'))
    print(msg['seq'], msg['text'])
