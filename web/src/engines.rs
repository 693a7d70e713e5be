//! What the app says about each engine: its page's words and examples to try.

use crate::route::Route;

/// A command (or a few lines, such as a memcached storage command and its data block)
/// to try, taken from the lesson.
#[derive(Debug, PartialEq)]
pub struct Example {
    /// The lines entered, in order.
    pub lines: &'static [&'static str],
    /// What it shows, in a few words.
    pub shows: &'static str,
}

/// One engine page.
#[derive(Debug, PartialEq)]
pub struct Engine {
    /// Where its page lives.
    pub route: Route,
    /// Its name.
    pub name: &'static str,
    /// One sentence under the page's title: how faithful its replies are, and to what.
    pub promise: &'static str,
    /// Accessible name of its console input.
    pub console_label: &'static str,
    /// Commands to try, from the lesson.
    pub examples: &'static [Example],
    /// The file the page's program editor opens with.
    pub program: StarterProgram,
}

/// A program the editor opens with: a file name and its text.
#[derive(Debug, PartialEq)]
pub struct StarterProgram {
    /// The file's name in the editor's folder.
    pub name: &'static str,
    /// Its text.
    pub text: &'static str,
}

impl Engine {
    /// The page's name in URLs and test ids: `redis`, `memcached`, `rabbitmq`.
    pub fn slug(&self) -> &'static str {
        self.route.href().trim_start_matches("#/")
    }

    /// The CSS class that gives the page its engine's accent colour.
    pub fn theme_class(&self) -> &'static str {
        match self.route {
            Route::Memcached => "engine-memcached",
            Route::RabbitMq => "engine-rabbitmq",
            _ => "engine-redis",
        }
    }
}

/// The program editor's words, the same on every page.
#[derive(Debug, PartialEq)]
pub struct EditorWords {
    /// The panel's title.
    pub title: &'static str,
    /// One sentence under it: what the panel is for.
    pub intro: &'static str,
    /// Accessible name of the list of tabs.
    pub files_label: &'static str,
    /// The button that adds a file.
    pub new_file: &'static str,
    /// The name a new file starts with (`untitled.py`, `untitled2.py`…).
    pub new_file_stem: &'static str,
    /// The buttons that rename and delete the file shown.
    pub rename: &'static str,
    pub delete: &'static str,
    /// Accessible name of the text area, before the file's name.
    pub code_label: &'static str,
    /// The keys the text area takes.
    pub keys_hint: &'static str,
    /// Accessible name and placeholder of the arguments field.
    pub args_label: &'static str,
    pub args_placeholder: &'static str,
    /// The run bar's buttons, with their titles.
    pub run: &'static str,
    pub run_title: &'static str,
    pub stop: &'static str,
    pub stop_title: &'static str,
    pub run_again: &'static str,
    pub run_again_title: &'static str,
    /// The output pane's title, and what it says before anything ran.
    pub output_title: &'static str,
    pub no_output: &'static str,
    /// The running program's input line.
    pub stdin_label: &'static str,
    pub stdin_placeholder: &'static str,
    /// Said above output whose start is no longer kept, after the number of lines.
    pub lines_not_kept: &'static str,
    /// The list of processes: its title and the words of a process's state.
    pub processes_title: &'static str,
    pub no_processes: &'static str,
    pub running: &'static str,
    pub blocked: &'static str,
    pub stopping: &'static str,
    pub exited: &'static str,
    pub killed: &'static str,
    /// Said when a paste lost the lesson's line numbers, before the numbers' range.
    pub numbers_taken_off: &'static str,
    /// Beside the output of a run that failed on the lesson's Python 2.
    pub python2_print: &'static str,
    pub python2_queue: &'static str,
    /// The one-click fix, and what is said once it was done (after the file's name).
    pub rewrite: &'static str,
    pub rewritten: &'static str,
    /// Beside the output of a run whose pika 0.x call pika 1.x refused, and its fixes.
    pub pika0: &'static str,
    pub pika0_rewrite: &'static str,
    pub pika0_rewritten: &'static str,
    pub pika0_run: &'static str,
    /// The switch of the pika programs import, and its two choices.
    pub pika_label: &'static str,
    pub pika1: &'static str,
    pub pika0_choice: &'static str,
    /// Why a new file name was refused.
    pub name_empty: &'static str,
    pub name_slash: &'static str,
    pub name_taken: &'static str,
}

/// The program editor's words.
pub static EDITOR: EditorWords = EditorWords {
    title: "Your own Python programs",
    intro: "Run programs here as python3 runs them, each a process of this page. The other tabs are files of the same folder: import helper reads helper.py.",
    files_label: "Files",
    new_file: "+ New file",
    new_file_stem: "untitled",
    rename: "Rename",
    delete: "Delete",
    code_label: "Code of",
    keys_hint: "Tab indents, Shift+Tab dedents; Esc then Tab leaves the editor.",
    args_label: "Arguments",
    args_placeholder: "arguments",
    run: "▶ Run",
    run_title: "Start this file as a new process: python3 FILE ARGUMENTS",
    stop: "■ Stop",
    stop_title: "Ctrl-C: KeyboardInterrupt in the program; killed if it has not ended a second later",
    run_again: "↻ Run again",
    run_again_title: "Start the shown process's command again",
    output_title: "Output",
    no_output: "Press Run: what the program prints appears here, its errors in red.",
    stdin_label: "The program's input",
    stdin_placeholder: "A line for input(), then Enter",
    lines_not_kept: "earlier lines are no longer kept",
    processes_title: "Processes",
    no_processes: "None yet.",
    running: "running",
    blocked: "blocked in",
    stopping: "stopping",
    exited: "exited with status",
    killed: "killed",
    numbers_taken_off: "Took the lesson's line numbers off the pasted code:",
    python2_print: "This is the lesson's Python 2: in Python 3, print is a function, called as print(x).",
    python2_queue: "This is the lesson's Python 2: in Python 3, the Queue module is called queue.",
    rewrite: "Rewrite as Python 3",
    rewritten: "rewritten as Python 3. Run it again:",
    pika0: "This is pika 0.x, as the lesson writes it: pip install pika gives pika 1.x, which calls basic_consume(queue='hello', on_message_callback=callback, auto_ack=True) and exchange_declare(exchange='logs', exchange_type='fanout').",
    pika0_rewrite: "Rewrite for pika 1.x",
    pika0_rewritten: "rewritten for pika 1.x. Run it again:",
    pika0_run: "Run with pika 0.x",
    pika_label: "pika",
    pika1: "1.x (pip install pika)",
    pika0_choice: "0.x (the lesson's notes)",
    name_empty: "A file needs a name.",
    name_slash: "A name without /: the files are all in one folder.",
    name_taken: "Another tab has that name.",
};

/// A program for the pages about caching: a slow lookup, remembered in a dict.
const CACHE_PROGRAM: StarterProgram = StarterProgram {
    name: "cache_demo.py",
    text: r#"# A slow lookup, remembered in a dict: the idea of a cache.
import time


def slow_square(n):
    time.sleep(0.5)  # a slow database query
    return n * n


cache = {}
for n in [3, 4, 3, 3, 4]:
    if n in cache:
        print(n, '->', cache[n], '(from the cache)')
    else:
        cache[n] = slow_square(n)
        print(n, '->', cache[n], '(computed)')
"#,
};

/// The seed of a page's fresh server: fixed, so every learner's first session behaves the
/// same (random replies such as SPOP and RANDOMKEY included).
pub const SEED: u64 = 1;

/// The Redis page.
pub static REDIS: Engine = Engine {
    route: Route::Redis,
    name: "Redis",
    promise: "Replies exactly as redis-server 7.0 gives them through redis-cli.",
    console_label: "Redis command",
    examples: &[
        Example {
            lines: &["SET greeting \"hello world\""],
            shows: "store a string",
        },
        Example {
            lines: &["GET greeting"],
            shows: "read it back",
        },
        Example {
            lines: &["INCR visits"],
            shows: "a counter",
        },
        Example {
            lines: &["EXPIRE greeting 30", "TTL greeting"],
            shows: "a key that expires",
        },
        Example {
            lines: &["RPUSH tasks write test ship", "LRANGE tasks 0 -1"],
            shows: "a list",
        },
        Example {
            lines: &["HSET user:1 name Ada lang Rust", "HGET user:1 name"],
            shows: "a hash",
        },
        Example {
            lines: &["SADD tags redis cache fast", "SISMEMBER tags fast"],
            shows: "a set",
        },
        Example {
            lines: &["ZADD board 30 bob 10 ann 20 cy", "ZINCRBY board 25 ann"],
            shows: "a sorted set, ordered by score",
        },
        Example {
            lines: &[
                "SET greeting hi",
                "GET greeting",
                "GET nobody",
                "INFO stats",
            ],
            shows: "cache hits and misses, as INFO counts them",
        },
        Example {
            lines: &["GET"],
            shows: "a wrong command, as redis-cli answers it",
        },
    ],
    program: CACHE_PROGRAM,
};

/// The Memcached page.
pub static MEMCACHED: Engine = Engine {
    route: Route::Memcached,
    name: "Memcached",
    promise: "Answers byte for byte as memcached 1.6.18 does over its text protocol.",
    console_label: "Memcached protocol line",
    examples: &[
        Example {
            lines: &["set product_count 0 0", "900"],
            shows: "store an item; the console fills in <bytes>",
        },
        Example {
            lines: &["get product_count"],
            shows: "read it back",
        },
        Example {
            lines: &["gets product_count"],
            shows: "read with its cas unique",
        },
        Example {
            lines: &["add product_count 0 0", "1"],
            shows: "add refuses an existing key",
        },
        Example {
            lines: &["set k1 0 0", "777", "incr k1 10", "decr k1 1"],
            shows: "a counter, as in the lesson",
        },
        Example {
            lines: &[
                "append k1 0 0",
                "after",
                "prepend k1 0 0",
                "before",
                "get k1",
            ],
            shows: "append and prepend",
        },
        Example {
            lines: &["set session 0 30", "alice"],
            shows: "an item that expires in 30 s",
        },
        Example {
            lines: &["get product_count k1 session"],
            shows: "several keys at once",
        },
    ],
    program: CACHE_PROGRAM,
};

/// The RabbitMQ page.
pub static RABBITMQ: Engine = Engine {
    route: Route::RabbitMq,
    name: "RabbitMQ",
    promise: "Behaves as rabbitmq-server 3.10 does, driven with rabbitmqadmin commands.",
    console_label: "rabbitmqadmin command",
    // The lesson's story in order: hello world, work queues with acks, durability across a
    // restart, then fanout, direct and topic routing. Examples with producers end with
    // `run`, so the canvas shows traffic at once; Play carries on from there.
    examples: &[
        Example {
            lines: &[
                "declare queue name=hello",
                "publish exchange=amq.default routing_key=hello payload=\"Hello World!\"",
            ],
            shows: "hello world: send.py puts a message in the queue hello",
        },
        Example {
            // rabbitmqadmin's `get` puts the message back unless told otherwise.
            lines: &["get queue=hello ackmode=ack_requeue_false"],
            shows: "receive.py takes it out (a plain get looks and puts it back)",
        },
        Example {
            lines: &[
                "declare queue name=task_queue durable=true",
                "producer name=new_task exchange='' routing_key=task_queue rate=4 persistent=true",
                "consumer name=worker1 queue=task_queue prefetch=1 processing=500ms..1500ms",
                "consumer name=worker2 queue=task_queue prefetch=1 processing=500ms..1500ms",
                "run 3s",
            ],
            shows: "work queues: two workers, manual acks, prefetch=1",
        },
        Example {
            lines: &["crash consumer name=worker1", "run 1s"],
            shows: "a worker dies: its unacked message goes to the other",
        },
        Example {
            lines: &["restart", "list queues name durable messages"],
            shows: "restart the broker: the durable queue and persistent messages survive",
        },
        Example {
            lines: &[
                "declare exchange name=logs type=fanout",
                "declare queue name=logs_a",
                "declare queue name=logs_b",
                "declare binding source=logs destination=logs_a",
                "declare binding source=logs destination=logs_b",
                "producer name=emit_log exchange=logs rate=2",
                "consumer name=receive_logs_a queue=logs_a ackmode=auto processing=100ms",
                "consumer name=receive_logs_b queue=logs_b ackmode=auto processing=100ms",
                "run 2s",
            ],
            shows: "publish/subscribe: a fanout logs exchange copies every message to two queues",
        },
        Example {
            lines: &[
                "declare exchange name=direct_logs type=direct",
                "declare queue name=errors",
                "declare queue name=everything",
                "declare binding source=direct_logs destination=errors routing_key=error",
                "declare binding source=direct_logs destination=everything routing_key=info",
                "declare binding source=direct_logs destination=everything routing_key=error",
                "producer name=emit_log_direct exchange=direct_logs routing_key=info,error rate=2",
                "run 2s",
            ],
            shows: "routing: a direct exchange sends error to both queues, info to one",
        },
        Example {
            lines: &[
                "declare exchange name=topic_logs type=topic",
                "declare queue name=kernel",
                "declare queue name=critical",
                "declare binding source=topic_logs destination=kernel routing_key='kern.*'",
                "declare binding source=topic_logs destination=critical routing_key='*.critical'",
                "producer name=emit_log_topic exchange=topic_logs routing_key=kern.info,kern.critical,cron.critical,cron.info rate=4",
                "run 2s",
            ],
            shows: "topics: kern.* and *.critical; kern.critical matches both, cron.info neither",
        },
        Example {
            lines: &[
                "declare exchange name=dlx type=fanout",
                "declare queue name=parked",
                "declare binding source=dlx destination=parked",
                "declare queue name=orders arguments='{\"x-message-ttl\":3000,\"x-max-length\":5,\"x-dead-letter-exchange\":\"dlx\"}'",
                "producer name=shop exchange='' routing_key=orders rate=4",
                "consumer name=packer queue=orders prefetch=1 processing=1s",
                "run 4s",
            ],
            shows: "dead letters: orders that wait over 3 s, or overflow 5, go to the dlx exchange",
        },
    ],
    // The lesson's first program ("基于 QUEUE 实现生产消费模型") in Python 3, slowed down
    // so the page's bounded-queue view can follow it: the producers fill the queue and
    // wait in put(), then the consumers empty it and wait in get() for ever.
    program: StarterProgram {
        name: "queue_demo.py",
        text: r#"import queue
import threading
import time

message = queue.Queue(10)


def producer(i):
    for n in range(5):
        message.put(i)
        time.sleep(0.2)


def consumer(i):
    while True:
        msg = message.get()
        print('consumer', i, 'got', msg)
        time.sleep(0.5)


for i in range(12):
    t = threading.Thread(target=producer, args=(i,))
    t.start()

for i in range(10):
    t = threading.Thread(target=consumer, args=(i,))
    t.start()
"#,
    },
};
