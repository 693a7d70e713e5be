# 中文引号
message = “你好”
