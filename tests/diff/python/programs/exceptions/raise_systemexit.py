# 直接 raise SystemExit 和 sys.exit 一样; 整数以外的值被打印出来
print('about to stop')
raise SystemExit(['not', 'an', 'int'])
