# 模块属性拼错: traceback 里有建议
import helper

shop = helper.Inventory('书店')
print(shop)
other = helper.Inventry('文具店')
