# 未捕获的 KeyboardInterrupt: 打印 traceback, 进程被 SIGINT 结束(shell 里看到的状态是 130)
def start_consuming():
    print(' [*] Waiting for messages. To exit press CTRL+C')
    raise KeyboardInterrupt


start_consuming()
