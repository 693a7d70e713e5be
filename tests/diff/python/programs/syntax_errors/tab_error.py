# 混用 Tab 和空格
def producer(i):
        message = i
	return message
