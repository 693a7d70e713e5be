# 未捕获的 JSONDecodeError: traceback 只显示程序自己的帧
import json

reply = '{"status": "ok", "count": 3}'
print(json.loads(reply)['count'])
broken_reply = '{"status": "ok", "count": }'
data = json.loads(broken_reply)
print(data)
