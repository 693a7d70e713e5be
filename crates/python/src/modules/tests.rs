//! The modules as specifications: small programs, each run as `python3 NAME.py a b`
//! in `/home/learner`, and what python3 3.11 prints for them, its tracebacks without
//! the frames of its library's files (which the playground leaves out).

use std::rc::Rc;

use crate::vm::{EmptyFolder, Run, Stream, Vm};

/// Runs the world until every thread waits for something other than the clock (or
/// has ended), the clock jumping to each deadline.
fn run_until_idle(vm: &mut Vm) {
    loop {
        match vm.run(1_000_000) {
            Run::Busy => {}
            Run::Waiting(Some(deadline)) => vm.advance_to(deadline),
            Run::Waiting(None) | Run::Done => break,
        }
    }
}

/// Runs `source` as `python3 name a b` with `stdin`; gives stdout, stderr and the
/// exit status.
fn run(name: &str, source: &str, stdin: &str) -> (String, String, i32) {
    let mut vm = Vm::new(1_700_000_000_000_000_000, 0);
    let argv = vec![name.to_owned(), "a".to_owned(), "b".to_owned()];
    let pid = vm.spawn(
        source,
        argv,
        Rc::new(EmptyFolder("/home/learner")),
        stdin.to_owned(),
    );
    run_until_idle(&mut vm);
    let (mut stdout, mut stderr) = (String::new(), String::new());
    for (stream, text) in vm.take_output(pid) {
        match stream {
            Stream::Stdout => stdout.push_str(&text),
            Stream::Stderr => stderr.push_str(&text),
        }
    }
    (stdout, stderr, vm.processes[pid].exit_code.unwrap_or(-1))
}

/// `sys`: the arguments, the version, the streams (a write returns its length), reading stdin, and `exit`'s status.
#[test]
fn sys_streams_and_exit() {
    let program = r#"import sys
print(sys.argv[1:], sys.platform, sys.maxsize == 2 ** 63 - 1)
print(sys.version_info[:2], sys.version_info.major, sys.version_info >= (3, 8))
print(sys.version_info)
n = sys.stdout.write('中文\n')
print(n, sys.stderr.write('to stderr\n'))
try:
    sys.stdout.write(3)
except TypeError as e:
    print('TypeError:', e)
print(sys.stdin.readline(), end='')
print([line for line in sys.stdin])
sys.exit(3)
"#;
    // python3 3.11's output
    let (stdout, stderr, status) = run(
        "sys_streams_and_exit.py",
        program,
        r#"first line
second
third
"#,
    );
    assert_eq!(
        stdout,
        r#"['a', 'b'] linux True
(3, 11) 3 True
sys.version_info(major=3, minor=11, micro=7, releaselevel='final', serial=0)
中文
3 10
TypeError: write() argument must be str, not int
first line
['second\n', 'third\n']
"#
    );
    assert_eq!(
        stderr,
        r#"to stderr
"#
    );
    assert_eq!(status, 3);
}

/// `time.sleep` parks a thread on the virtual clock: sleepers wake in the order of their deadlines; `strftime` and `gmtime` read the clock as UTC.
#[test]
fn time_virtual_clock() {
    let program = r#"import time
import threading
start = time.time()
time.sleep(0.05)
print('slept', time.time() - start >= 0.05)
def worker(name, delay):
    time.sleep(delay)
    print(name, 'woke')
threads = [threading.Thread(target=worker, args=(n, d)) for n, d in [('slow', 0.3), ('fast', 0.1), ('middle', 0.2)]]
for t in threads:
    t.start()
for t in threads:
    t.join()
try:
    time.sleep(-1)
except ValueError as e:
    print('ValueError:', e)
print(time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(1700000000)))
print(time.gmtime(0))
"#;
    // python3 3.11's output
    let (stdout, stderr, status) = run("time_virtual_clock.py", program, r#""#);
    assert_eq!(
        stdout,
        r#"slept True
fast woke
middle woke
slow woke
ValueError: sleep length must be non-negative
2023-11-14 22:13:20
time.struct_time(tm_year=1970, tm_mon=1, tm_mday=1, tm_hour=0, tm_min=0, tm_sec=0, tm_wday=3, tm_yday=1, tm_isdst=0)
"#
    );
    assert_eq!(stderr, r#""#);
    assert_eq!(status, 0);
}

/// `math`: the C library's functions, exact integer functions, and CPython's errors.
#[test]
fn math_functions() {
    let program = r#"import math
print(math.sqrt(16), math.floor(-2.5), math.ceil(2.1), math.pow(2, 10), math.fabs(-3))
print(math.gcd(12, 18, 30), math.isqrt(10 ** 40), math.factorial(25))
print(math.log(8, 2), math.log10(1000), math.log2(1024), math.exp(0), math.hypot(3, 4))
print(math.isclose(0.1 + 0.2, 0.3), math.pi, math.e, math.inf, math.nan)
print(math.floor(1e20), math.fsum([0.1] * 10), math.comb(10, 3), math.perm(5, 2))
for expression, call in [('math.sqrt(-1)', lambda: math.sqrt(-1)), ('math.log(0)', lambda: math.log(0)), ('math.exp(1000)', lambda: math.exp(1000)), ('math.factorial(-1)', lambda: math.factorial(-1)), ('math.ceil(math.inf)', lambda: math.ceil(math.inf)), ('math.sqrt("9")', lambda: math.sqrt("9"))]:
    try:
        call()
    except (ValueError, OverflowError, TypeError) as e:
        print(expression, type(e).__name__, e)
"#;
    // python3 3.11's output
    let (stdout, stderr, status) = run("math_functions.py", program, r#""#);
    assert_eq!(
        stdout,
        r#"4.0 -3 3 1024.0 3.0
6 100000000000000000000 15511210043330985984000000
3.0 3.0 10.0 1.0 5.0
True 3.141592653589793 2.718281828459045 inf nan
100000000000000000000 1.0 120 20
math.sqrt(-1) ValueError math domain error
math.log(0) ValueError math domain error
math.exp(1000) OverflowError math range error
math.factorial(-1) ValueError factorial() not defined for negative values
math.ceil(math.inf) OverflowError cannot convert float infinity to integer
math.sqrt("9") TypeError must be real number, not str
"#
    );
    assert_eq!(stderr, r#""#);
    assert_eq!(status, 0);
}

/// Threads: default names, `join`, a `Thread` subclass, starting twice, and locks shared by four threads.
#[test]
fn threading_basics() {
    let program = r#"import threading
def worker(n):
    print('worker', n, threading.current_thread().name)
t = threading.Thread(target=worker, args=(1,))
print(t.name, t.daemon, t.is_alive(), t.ident)
t.start()
t.join()
print(t.is_alive(), repr(t).startswith('<Thread(Thread-1 (worker), stopped '))
class Counter(threading.Thread):
    def __init__(self, n):
        super().__init__(name=f'counter-{n}')
        self.n = n
        self.total = 0
    def run(self):
        for i in range(self.n):
            self.total += i
c = Counter(10)
c.start()
c.join()
print(c.name, c.total, threading.current_thread().name, threading.main_thread() is threading.current_thread())
try:
    c.start()
except RuntimeError as e:
    print('RuntimeError:', e)
print(threading.active_count(), [x.name for x in threading.enumerate()])
lock = threading.Lock()
total = 0
def add():
    global total
    for _ in range(1000):
        with lock:
            total += 1
workers = [threading.Thread(target=add) for _ in range(4)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print('total', total, lock.locked(), lock.acquire(False), lock.acquire(timeout=0.01))
r = threading.RLock()
with r:
    with r:
        print('reentrant')
try:
    r.release()
except RuntimeError as e:
    print('RuntimeError:', e)
"#;
    // python3 3.11's output
    let (stdout, stderr, status) = run("threading_basics.py", program, r#""#);
    assert_eq!(
        stdout,
        r#"Thread-1 (worker) False False None
worker 1 Thread-1 (worker)
False True
counter-10 45 MainThread True
RuntimeError: threads can only be started once
1 ['MainThread']
total 4000 False True False
reentrant
RuntimeError: cannot release un-acquired lock
"#
    );
    assert_eq!(stderr, r#""#);
    assert_eq!(status, 0);
}

/// Events, a condition, a bounded semaphore and timers hand work between threads in a fixed order.
#[test]
fn threading_events() {
    let program = r#"import threading
ping, pong = threading.Event(), threading.Event()
def player():
    for i in range(3):
        ping.wait()
        ping.clear()
        print('pong', i)
        pong.set()
t = threading.Thread(target=player)
t.start()
for i in range(3):
    print('ping', i)
    ping.set()
    pong.wait()
    pong.clear()
t.join()
print(ping.wait(0.01), ping.is_set())
cond = threading.Condition()
items = []
def consumer():
    with cond:
        while not items:
            cond.wait()
        print('consumed', items.pop())
c = threading.Thread(target=consumer)
c.start()
with cond:
    items.append('apple')
    cond.notify()
c.join()
with cond:
    print('wait_for', cond.wait_for(lambda: True), cond.wait(0.01))
sem = threading.BoundedSemaphore(2)
print(sem.acquire(), sem.acquire(), sem.acquire(blocking=False))
sem.release(); sem.release()
try:
    sem.release()
except ValueError as e:
    print('ValueError:', e)
done = []
timer = threading.Timer(0.05, lambda: done.append('fired'))
timer.start()
timer.join()
cancelled = threading.Timer(0.05, lambda: done.append('never'))
cancelled.start()
cancelled.cancel()
cancelled.join()
print(done)
"#;
    // python3 3.11's output
    let (stdout, stderr, status) = run("threading_events.py", program, r#""#);
    assert_eq!(
        stdout,
        r#"ping 0
pong 0
ping 1
pong 1
ping 2
pong 2
False False
consumed apple
wait_for True False
True True False
ValueError: Semaphore released too many times
['fired']
"#
    );
    assert_eq!(stderr, r#""#);
    assert_eq!(status, 0);
}

/// An exception in a thread prints with the learner's frames only; the program goes on; starting the thread again raises at the call of `start`.
#[test]
fn threading_uncaught() {
    let program = r#"import threading
def work(n):
    return 10 / n
t = threading.Thread(target=work, args=(0,))
t.start()
t.join()
print('main goes on')
t.start()
"#;
    // python3 3.11's output
    let (stdout, stderr, status) = run("threading_uncaught.py", program, r#""#);
    assert_eq!(
        stdout,
        r#"main goes on
"#
    );
    assert_eq!(
        stderr,
        r#"Exception in thread Thread-1 (work):
Traceback (most recent call last):
  File "/home/learner/threading_uncaught.py", line 3, in work
    return 10 / n
           ~~~^~~
ZeroDivisionError: division by zero
Traceback (most recent call last):
  File "/home/learner/threading_uncaught.py", line 8, in <module>
    t.start()
RuntimeError: threads can only be started once
"#
    );
    assert_eq!(status, 1);
}

/// A bounded queue between a producer and a consumer, `task_done`/`join`, the priority and LIFO orders, timeouts, and an uncaught `queue.Empty`.
#[test]
fn queue_producer_consumer() {
    let program = r#"import queue
import threading
q = queue.Queue(maxsize=3)
results = []
def producer():
    for i in range(10):
        q.put(i)
    q.put(None)
def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        results.append(item * item)
        q.task_done()
threads = [threading.Thread(target=producer), threading.Thread(target=consumer)]
for t in threads:
    t.start()
q.join()
for t in threads:
    t.join()
print(results, q.qsize(), q.empty(), q.full(), q.maxsize, q.unfinished_tasks)
p = queue.PriorityQueue()
for item in [(3, 'c'), (1, 'a'), (2, 'b'), (1, 'aa')]:
    p.put(item)
print([p.get() for _ in range(4)])
lifo = queue.LifoQueue()
for i in range(3):
    lifo.put(i)
print(lifo.queue, [lifo.get() for _ in range(3)])
fifo = queue.Queue()
fifo.put('x')
print(fifo.queue, type(fifo.queue).__name__)
try:
    fifo.get(timeout=0.01)
    fifo.get(timeout=0.01)
except queue.Empty as e:
    print('Empty', repr(e))
small = queue.Queue(1)
small.put(1)
try:
    small.put(2, block=False)
except queue.Full:
    print('Full')
try:
    small.task_done()
    small.task_done()
except ValueError as e:
    print('ValueError:', e)
print(queue.Empty, queue.Full)
q2 = queue.Queue()
q2.get_nowait()
"#;
    // python3 3.11's output
    let (stdout, stderr, status) = run("queue_producer_consumer.py", program, r#""#);
    assert_eq!(
        stdout,
        r#"[0, 1, 4, 9, 16, 25, 36, 49, 64, 81] 0 True False 3 0
[(1, 'a'), (1, 'aa'), (2, 'b'), (3, 'c')]
[] [2, 1, 0]
deque(['x']) deque
Empty Empty()
Full
ValueError: task_done() called too many times
<class '_queue.Empty'> <class 'queue.Full'>
"#
    );
    assert_eq!(
        stderr,
        r#"Traceback (most recent call last):
  File "/home/learner/queue_producer_consumer.py", line 53, in <module>
    q2.get_nowait()
_queue.Empty
"#
    );
    assert_eq!(status, 1);
}

/// `deque` with a `maxlen`, `Counter` (its repr most common first, and its arithmetic), `defaultdict`, and a `Counter` of something not iterable.
#[test]
fn collections_types() {
    let program = r#"from collections import deque, Counter, defaultdict
d = deque([1, 2, 3], maxlen=3)
d.append(4)
d.appendleft(0)
print(d, d.maxlen, len(d), d[0], d[-1], 2 in d)
d.rotate(1)
print(d, d.pop(), d.popleft(), d)
e = deque('abc')
e.extendleft('xy')
e.extend([1])
print(e, e.index('a'), e.count('x'))
e.remove('x')
e.reverse()
print(e, list(reversed(e)), deque() == deque([]), deque([1]) + deque([2]))
for expression, call in [('deque().pop()', lambda: deque().pop()), ('deque([1]).remove(5)', lambda: deque([1]).remove(5)), ('deque([1])[3]', lambda: deque([1])[3]), ('deque(maxlen=-1)', lambda: deque(maxlen=-1))]:
    try:
        call()
    except (IndexError, ValueError) as err:
        print(expression, type(err).__name__, err)
c = Counter('abracadabra')
print(c, c['a'], c['z'], c.most_common(2))
print(Counter(a=3, b=1) + Counter(a=1, c=2), Counter(a=3) - Counter(a=5, b=-1))
dd = defaultdict(list)
dd['x'].append(1)
dd['y']
print(dd, dict(dd))
words = defaultdict(int)
for w in 'the cat the hat'.split():
    words[w] += 1
print(words)
Counter(5)
"#;
    // python3 3.11's output
    let (stdout, stderr, status) = run("collections_types.py", program, r#""#);
    assert_eq!(
        stdout,
        r#"deque([0, 2, 3], maxlen=3) 3 3 0 3 True
deque([0], maxlen=3) 2 3 deque([0], maxlen=3)
deque(['y', 'x', 'a', 'b', 'c', 1]) 2 1
deque([1, 'c', 'b', 'a', 'y']) ['y', 'a', 'b', 'c', 1] True deque([1, 2])
deque().pop() IndexError pop from an empty deque
deque([1]).remove(5) ValueError 5 is not in deque
deque([1])[3] IndexError deque index out of range
deque(maxlen=-1) ValueError maxlen must be non-negative
Counter({'a': 5, 'b': 2, 'r': 2, 'c': 1, 'd': 1}) 5 0 [('a', 5), ('b', 2)]
Counter({'a': 4, 'c': 2, 'b': 1}) Counter({'b': 1})
defaultdict(<class 'list'>, {'x': [1], 'y': []}) {'x': [1], 'y': []}
defaultdict(<class 'int'>, {'the': 2, 'cat': 1, 'hat': 1})
"#
    );
    assert_eq!(
        stderr,
        r#"Traceback (most recent call last):
  File "/home/learner/collections_types.py", line 31, in <module>
    Counter(5)
TypeError: 'int' object is not iterable
"#
    );
    assert_eq!(status, 1);
}

/// `namedtuple` classes: items by position and by name, defaults, `_asdict`, `_replace` and `_make`, CPython's errors; and `OrderedDict` as a dict.
#[test]
fn collections_namedtuple() {
    let program = r#"from collections import namedtuple, OrderedDict
Point = namedtuple('Point', 'x y')
p = Point(1, y=2)
print(p, p.x, p[1], p == (1, 2), len(p), list(p), Point._fields)
x, y = p
print(x + y, p._asdict(), p._replace(y=5), Point._make([3, 4]))
Row = namedtuple('Row', ['name', 'score'], defaults=[0])
print(Row('amy'), sorted([Row('b', 2), Row('a', 3)]), Row._field_defaults)
print(namedtuple('R', 'a, def, _c', rename=True)._fields)
print(Point, type(p).__name__)
for call in [lambda: Point(1), lambda: Point(1, 2, 3), lambda: Point(1, z=2), lambda: namedtuple('P', 'a a'), lambda: namedtuple('P', '_a'), lambda: namedtuple('class', 'a'), lambda: p._replace(z=1)]:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
d = OrderedDict(a=1)
d['b'] = 2
print(list(d.items()), d == {'a': 1, 'b': 2})
"#;
    // python3 3.11's output
    let (stdout, stderr, status) = run("collections_namedtuple.py", program, r#""#);
    assert_eq!(
        stdout,
        r#"Point(x=1, y=2) 1 2 True 2 [1, 2] ('x', 'y')
3 {'x': 1, 'y': 2} Point(x=1, y=5) Point(x=3, y=4)
Row(name='amy', score=0) [Row(name='a', score=3), Row(name='b', score=2)] {'score': 0}
('a', '_1', '_2')
<class '__main__.Point'> Point
TypeError Point.__new__() missing 1 required positional argument: 'y'
TypeError Point.__new__() takes 3 positional arguments but 4 were given
TypeError Point.__new__() got an unexpected keyword argument 'z'
ValueError Encountered duplicate field name: 'a'
ValueError Field names cannot start with an underscore: '_a'
ValueError Type names and field names cannot be a keyword: 'class'
ValueError Got unexpected field names: ['z']
[('a', 1), ('b', 2)] True
"#
    );
    assert_eq!(stderr, r#""#);
    assert_eq!(status, 0);
}

/// `json.dumps` with its options, `json.loads`, the decode errors' attributes, and an uncaught `JSONDecodeError`.
#[test]
fn json_text() {
    let program = r#"import json
data = {'name': '张三', 'age': 30, 'tags': ['a', 'b'], 'ok': True, 'none': None, 'pi': 3.14}
print(json.dumps(data))
print(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))
print(json.dumps([1, (2, 3)], separators=(',', ':')), json.dumps({1: 'a', 2.5: 'b', True: 'c', None: 'd'}))
print(json.loads('{"a": [1, 2.5, null, true], "b": {"c": "\\u4e2d"}}'))
for bad in ['{"a": 1,}', '[1, 2', '', '{"a" 1}', '1 2']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print(repr(bad), e.msg, e.pos, e.lineno, e.colno, e)
for value in [{1, 2}, b'x', object]:
    try:
        json.dumps(value)
    except TypeError as e:
        print('TypeError:', e)
print(json.dumps({'s': {2, 1}}, default=sorted))
print(json.loads('{"x": 1}', object_hook=lambda d: sorted(d.items())))
json.loads('{"status": "ok", "count": }')
"#;
    // python3 3.11's output
    let (stdout, stderr, status) = run("json_text.py", program, r#""#);
    assert_eq!(
        stdout,
        r#"{"name": "\u5f20\u4e09", "age": 30, "tags": ["a", "b"], "ok": true, "none": null, "pi": 3.14}
{
  "age": 30,
  "name": "张三",
  "none": null,
  "ok": true,
  "pi": 3.14,
  "tags": [
    "a",
    "b"
  ]
}
[1,[2,3]] {"1": "c", "2.5": "b", "null": "d"}
{'a': [1, 2.5, None, True], 'b': {'c': '中'}}
'{"a": 1,}' Expecting property name enclosed in double quotes 8 1 9 Expecting property name enclosed in double quotes: line 1 column 9 (char 8)
'[1, 2' Expecting ',' delimiter 5 1 6 Expecting ',' delimiter: line 1 column 6 (char 5)
'' Expecting value 0 1 1 Expecting value: line 1 column 1 (char 0)
'{"a" 1}' Expecting ':' delimiter 5 1 6 Expecting ':' delimiter: line 1 column 6 (char 5)
'1 2' Extra data 2 1 3 Extra data: line 1 column 3 (char 2)
TypeError: Object of type set is not JSON serializable
TypeError: Object of type bytes is not JSON serializable
TypeError: Object of type type is not JSON serializable
{"s": [1, 2]}
[('x', 1)]
"#
    );
    assert_eq!(
        stderr,
        r#"Traceback (most recent call last):
  File "/home/learner/json_text.py", line 19, in <module>
    json.loads('{"status": "ok", "count": }')
json.decoder.JSONDecodeError: Expecting value: line 1 column 27 (char 26)
"#
    );
    assert_eq!(status, 1);
}

/// `random.seed(42)` then the module's functions draw what python3 draws; `Random` objects have generators of their own.
#[test]
fn random_seeded() {
    let program = r#"import random
random.seed(42)
print(random.random(), random.randint(1, 6), random.randrange(0, 100, 5))
cards = list(range(10))
random.shuffle(cards)
print(cards, random.choice('abcdef'), random.sample(range(100), 5))
print(random.choices(['x', 'y', 'z'], weights=[1, 2, 7], k=6), random.uniform(1, 2))
print(random.getrandbits(70), random.randint(10 ** 20, 10 ** 21))
r = random.Random(7)
print(r.random(), r.randint(1, 100), random.Random(7).random() == random.Random(7).random())
random.seed('hello')
print(random.random())
for expression, call in [('random.randint(3, 1)', lambda: random.randint(3, 1)), ('random.choice([])', lambda: random.choice([])), ('random.sample([1, 2], 3)', lambda: random.sample([1, 2], 3)), ('random.randrange(0)', lambda: random.randrange(0))]:
    try:
        call()
    except (ValueError, IndexError) as e:
        print(expression, type(e).__name__, e)
random.randint(5, 1)
"#;
    // python3 3.11's output
    let (stdout, stderr, status) = run("random_seeded.py", program, r#""#);
    assert_eq!(
        stdout,
        r#"0.6394267984578837 1 40
[8, 1, 7, 6, 4, 0, 5, 2, 9, 3] a [3, 11, 27, 29, 64]
['z', 'z', 'z', 'z', 'z', 'z'] 1.2781907082306627
885563596527224125259 914601933716097477565
0.32383276483316237 20 True
0.3537754404730722
random.randint(3, 1) ValueError empty range for randrange() (3, 2, -1)
random.choice([]) IndexError Cannot choose from an empty sequence
random.sample([1, 2], 3) ValueError Sample larger than population or is negative
random.randrange(0) ValueError empty range for randrange()
"#
    );
    assert_eq!(
        stderr,
        r#"Traceback (most recent call last):
  File "/home/learner/random_seeded.py", line 18, in <module>
    random.randint(5, 1)
ValueError: empty range for randrange() (5, 2, -3)
"#
    );
    assert_eq!(status, 1);
}

/// `sys.stdin` read from the page's input pane: `readline` waits for a whole line,
/// `read` for the pane to close, and a thread that does not read goes on meanwhile.
#[test]
fn sys_stdin_waits_for_the_input_pane() {
    let program = r#"import sys, threading, time
def ticker():
    for i in range(2):
        time.sleep(1)
        print('tick', i)
threading.Thread(target=ticker).start()
print('line:', repr(sys.stdin.readline()))
print('rest:', repr(sys.stdin.read()))
"#;
    let mut vm = Vm::new(0, 0);
    let argv = vec!["pane.py".to_owned()];
    let pid = vm.spawn(
        program,
        argv,
        Rc::new(EmptyFolder("/home/learner")),
        String::new(),
    );
    vm.open_stdin(pid);
    let mut printed = String::new();
    let mut settle = |vm: &mut Vm| {
        run_until_idle(vm);
        for (_, text) in vm.take_output(pid) {
            printed.push_str(&text);
        }
    };
    settle(&mut vm);
    vm.feed_stdin(pid, "hel");
    settle(&mut vm);
    vm.feed_stdin(pid, "lo\nworld\n");
    settle(&mut vm);
    vm.feed_stdin(pid, "bye");
    vm.close_stdin(pid);
    settle(&mut vm);
    assert_eq!(
        printed,
        "tick 0\ntick 1\nline: 'hello\\n'\nrest: 'world\\nbye'\n"
    );
}
