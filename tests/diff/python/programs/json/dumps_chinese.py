# 中文: 默认转义成 \uXXXX, ensure_ascii=False 保留原文
import json

student = {'姓名': '张三', '城市': '北京', '爱好': ['读书', '编程'], 'emoji': '😀'}
print(json.dumps(student))
print(json.dumps(student, ensure_ascii=False))
print(json.dumps(student, ensure_ascii=False, indent=2, sort_keys=True))
print(json.dumps('café €'), json.dumps('café €', ensure_ascii=False))
text = json.dumps(student, ensure_ascii=False)
print(len(text), len(text.encode('utf-8')))
print(json.loads(json.dumps(student)) == student)
