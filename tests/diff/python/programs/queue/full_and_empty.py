# put_nowait / get_nowait / block=False / timeout 会抛出 queue.Full 和 queue.Empty
import queue
import time

q = queue.Queue(maxsize=2)
q.put_nowait('x')
q.put('y', block=False)
try:
    q.put_nowait('z')
except queue.Full:
    print('queue.Full from put_nowait, qsize =', q.qsize())
start = time.time()
try:
    q.put('z', timeout=0.02)
except queue.Full:
    print('queue.Full after timeout, waited enough:', time.time() - start >= 0.02)

print(q.get_nowait(), q.get(block=False))
try:
    q.get_nowait()
except queue.Empty:
    print('queue.Empty from get_nowait')
start = time.time()
try:
    q.get(timeout=0.02)
except queue.Empty as e:
    print('queue.Empty after timeout:', repr(e), time.time() - start >= 0.02)
try:
    q.get(timeout=-1)
except ValueError as e:
    print('ValueError:', e)
print(issubclass(queue.Empty, Exception), queue.Full.__name__, queue.Empty.__name__)
