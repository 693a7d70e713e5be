// The program editor under each page's console: the learner's own Python programs run
// as processes of the page, the lesson's queue program drawn by the RabbitMQ page's
// bounded-queue view, code pasted with the lesson's line numbers, the lesson's Python 2
// rewritten as Python 3, files as tabs that import one another.

import { readFileSync } from "node:fs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { servedApp, openPage, screenshot, paste, PHONE } from "./support.mjs";

const app = servedApp();

/** The lesson's queue program in Python 3, bounded: 12 producers putting 5 items each
 *  into a Queue(10), 10 consumers taking them for ever. */
const QUEUE_PROGRAM = `import queue
import threading
import time

message = queue.Queue(10)


def producer(i):
    for n in range(5):
        message.put(i)
        time.sleep(0.1)


def consumer(i):
    while True:
        msg = message.get()
        print('consumer', i, 'got', msg)
        time.sleep(0.3)


for i in range(12):
    t = threading.Thread(target=producer, args=(i,))
    t.start()

for i in range(10):
    t = threading.Thread(target=consumer, args=(i,))
    t.start()
`;

/** A page object for the editor of the page shown, found by test ids. */
class EditorPage {
  constructor(page) {
    this.page = page;
    this.view = (id) => page.locator(`.page-slot:not([hidden]) [data-testid=${id}]`);
    this.panel = this.view("editor");
    this.code = this.view("editor-code");
    this.output = this.view("program-output");
    this.processes = this.view("process");
  }

  static async open(route, options = {}) {
    const page = await openPage(app.browser, options);
    await page.goto(`${app.server.url}#/${route}`);
    const editor = new EditorPage(page);
    await editor.code.waitFor();
    return editor;
  }

  /** Replaces the file shown with `text`, as a paste of a whole program would. */
  async write(text) {
    await this.code.fill(text);
  }

  /** Pastes `text` at the caret, as Ctrl+V does, with the text on the clipboard. */
  async paste(text) {
    await paste(this.code, text);
  }

  async run(args = "") {
    await this.view("editor-args").fill(args);
    await this.view("editor-run").click();
  }

  /** The state of the newest process: running, blocked or ended, and its words. */
  async newest() {
    const row = this.processes.first();
    return { state: await row.getAttribute("data-state"), words: await row.locator(".state").innerText() };
  }

  /** Waits until the output pane's text matches `pattern`. */
  async outputMatches(pattern, timeout = 5000) {
    await this.page.waitForFunction(([source, flags]) => {
      const pane = document.querySelector(".page-slot:not([hidden]) [data-testid=program-output]");
      return new RegExp(source, flags).test(pane?.innerText ?? "");
    }, [pattern.source, pattern.flags], { timeout });
    return this.output.innerText();
  }

  /** Waits until the newest process has ended, and gives its words. */
  async ended(timeout = 5000) {
    await this.page.waitForFunction(() => document.querySelector(
      ".page-slot:not([hidden]) [data-testid=process]")?.dataset.state === "ended", null, { timeout });
    return (await this.newest()).words;
  }
}

test("the lesson's bounded queue program runs on the RabbitMQ page, its queue drawn live, and Stop ends it", async () => {
  const editor = await EditorPage.open("rabbitmq");
  await editor.write(QUEUE_PROGRAM);
  await editor.run();
  const program = editor.view("rmq-bounded-program");
  await program.waitFor({ timeout: 5000 });
  assert.match(await program.innerText(), /python3 queue_demo\.py: message = queue\.Queue/);
  // The view moves: sample how full the queue is and who waits, while it runs.
  const seen = new Set();
  let mostPutters = 0;
  for (let i = 0; i < 12; i++) {
    seen.add(await editor.view("rmq-bounded-fill").innerText());
    const putters = Number((await editor.view("rmq-bounded-putters").locator("strong").innerText()).match(/\d+$/)[0]);
    mostPutters = Math.max(mostPutters, putters);
    await editor.page.waitForTimeout(120);
  }
  assert.ok(seen.size > 1, `the fill changes: ${[...seen]}`);
  assert.ok([...seen].some((fill) => /^10 of 10 items$/.test(fill)), `producers fill it: ${[...seen]}`);
  assert.ok(mostPutters > 0, "producers wait in put() while it is full");
  assert.equal(await editor.view("rmq-bounded-slots").locator("li").count(), 10, "ten slots, maxsize 10");
  const output = await editor.outputMatches(/consumer \d+ got \d+\n(.*\n){5}/);
  assert.match(output, /^consumer \d+ got \d+$/m);
  const { state, words } = await editor.newest();
  assert.ok(["running", "blocked"].includes(state), `${state}: ${words}`);
  await editor.view("rmq-bounded").scrollIntoViewIfNeeded();
  await screenshot(editor.page, "editor-rabbitmq-bounded-queue-desktop");
  await editor.panel.scrollIntoViewIfNeeded();
  await screenshot(editor.page, "editor-rabbitmq-running-desktop");

  // Once the producers are done, the consumers all wait in get().
  await editor.page.waitForFunction(() => /blocked in get\(\): 10/.test(document.querySelector(
    ".page-slot:not([hidden]) [data-testid=rmq-bounded-getters]")?.innerText ?? ""), null, { timeout: 15000 });
  assert.match((await editor.newest()).words, /^blocked in Queue\.get ×10$/);
  assert.equal(await editor.view("rmq-bounded-fill").innerText(), "0 of 10 items");

  await editor.view("editor-stop").click();
  // Ctrl-C in a program whose main thread has finished does not end it: it is killed.
  assert.match(await editor.ended(4000), /^killed, exited with status 137$/);
  await editor.view("rmq-bounded-start").waitFor();
  assert.equal(await editor.view("rmq-bounded-program").count(), 0, "the simulation's view is back");
  assert.equal(await editor.view("editor-stop").isDisabled(), true);
  assert.deepEqual(editor.page.errors, []);
});

test("code pasted with the lesson's line numbers loses them, and its Python 2 is rewritten in one click", async () => {
  // The lesson's section 3 (基于 QUEUE 实现生产消费模型) as its text prints it.
  const numbered = [
    " 1 import Queue", " 2 import threading", " 3 ", " 4 ", " 5 message = Queue.Queue(10)", " 6 ", " 7 ",
    " 8 def producer(i):", " 9     while True:", "10         message.put(i)", "11 ", "12 ",
    "13 def consumer(i):", "14     while True:", "15         msg = message.get()", "16 ", "17 ",
    "18 for i in range(12):", "19     t = threading.Thread(target=producer, args=(i,))", "20     t.start()", "21 ",
    "22 for i in range(10):", "23     t = threading.Thread(target=consumer, args=(i,))", "24     t.start()",
  ].join("\n");
  const editor = await EditorPage.open("rabbitmq");
  await editor.write("");
  await editor.paste(numbered);
  const code = await editor.code.inputValue();
  assert.match(code, /^import Queue\nimport threading\n\n\nmessage = Queue\.Queue\(10\)\n/);
  assert.match(code, /\n    while True:\n        message\.put\(i\)\n/, "indentation kept");
  assert.doesNotMatch(code, /^\s*\d+ /m, "no line starts with a number any more");
  assert.match(await editor.view("editor-paste-note").innerText(), /line numbers .* 1–24\./);
  await screenshot(editor.page, "editor-pasted-lesson-desktop");

  await editor.run();
  const failure = await editor.ended();
  assert.equal(failure, "exited with status 1");
  // python3 3.11's output for the lesson's program.
  assert.equal(await editor.output.innerText(),
    "Traceback (most recent call last):\n  File \"/home/learner/queue_demo.py\", line 1, in <module>\n"
    + "    import Queue\nModuleNotFoundError: No module named 'Queue'\n");
  assert.equal(await editor.output.locator(".stderr").count(), 1, "the traceback is stderr");
  const note = editor.view("python2-note");
  assert.match(await note.innerText(), /Queue module is called queue/);
  assert.equal(await editor.output.locator("[data-testid=python2-note]").count(), 0, "beside the output, not in it");
  await screenshot(editor.page, "editor-python2-note-desktop");
  await editor.view("python2-rewrite").click();
  const rewritten = await editor.code.inputValue();
  assert.match(rewritten, /^import queue\nimport threading\n\n\nmessage = queue\.Queue\(10\)\n/);
  assert.match(await note.innerText(), /line 1: import Queue → import queue\nline 5: message = Queue\.Queue\(10\) → message = queue\.Queue\(10\)/);

  await editor.view("editor-run-again").click();
  await editor.view("rmq-bounded-program").waitFor({ timeout: 5000 });
  assert.equal(await editor.processes.count(), 2);
  await editor.view("editor-stop").click();
  assert.match(await editor.ended(4000), /killed/);
  assert.deepEqual(editor.page.errors, []);
});

test("print without parentheses is rewritten on the memcached page", async () => {
  const editor = await EditorPage.open("memcached");
  await editor.write("ret = 'bar'\nprint ret\nprint 'done', ret\n");
  await editor.run();
  assert.equal(await editor.ended(), "exited with status 1");
  // python3 3.11's report.
  assert.equal(await editor.output.innerText(), "  File \"/home/learner/cache_demo.py\", line 2\n    print ret\n"
    + "    ^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n");
  assert.match(await editor.view("python2-note").innerText(), /print is a function/);
  await editor.view("python2-rewrite").click();
  assert.equal(await editor.code.inputValue(), "ret = 'bar'\nprint(ret)\nprint('done', ret)\n");
  await editor.view("editor-run-again").click();
  assert.equal(await editor.ended(), "exited with status 0");
  assert.equal(await editor.output.innerText(), "bar\ndone bar\n");
  assert.deepEqual(editor.page.errors, []);
});

test("files are tabs of one folder: a new file renamed helper.py is imported; Tab indents", async () => {
  const editor = await EditorPage.open("redis");
  await editor.write("import sys\nimport helper\n\nprint(helper.shout(sys.argv[1]))\n");
  await editor.view("editor-new").click();
  assert.equal(await editor.view("editor-tab").count(), 2);
  await editor.view("editor-rename").click();
  const rename = editor.view("editor-rename-input");
  await rename.fill("cache_demo.py");
  await rename.press("Enter");
  assert.match(await editor.panel.locator("[role=alert]").innerText(), /Another tab has that name/);
  await rename.fill("helper.py");
  await rename.press("Enter");
  assert.deepEqual(await editor.view("editor-tab").allInnerTexts(), ["cache_demo.py", "helper.py"]);
  // Typed as a learner types: Enter after the colon indents the body.
  await editor.code.focus();
  await editor.page.keyboard.type("def shout(word):");
  await editor.page.keyboard.press("Enter");
  await editor.page.keyboard.type("return word.upper() + '!'");
  assert.equal(await editor.code.inputValue(), "def shout(word):\n    return word.upper() + '!'");
  await editor.page.keyboard.press("Shift+Tab");
  assert.equal(await editor.code.inputValue(), "def shout(word):\nreturn word.upper() + '!'");
  await editor.page.keyboard.press("Home");
  await editor.page.keyboard.press("Tab");
  assert.equal(await editor.code.inputValue(), "def shout(word):\n    return word.upper() + '!'");
  assert.equal(await editor.panel.locator(".gutter").innerText(), "1\n2\n");

  await editor.view("editor-tab").first().click();
  await editor.run("hello");
  assert.equal(await editor.ended(), "exited with status 0");
  assert.equal(await editor.output.innerText(), "HELLO!\n");
  assert.match(await editor.processes.first().innerText(), /python3 cache_demo\.py hello/);
  assert.deepEqual(editor.page.errors, []);
});

test("input() waits for a line typed under the output, as in a terminal", async () => {
  const editor = await EditorPage.open("memcached");
  await editor.write("name = input('你的名字: ')\nprint('你好,', name)\n");
  await editor.run();
  const stdin = editor.view("program-stdin");
  await stdin.waitFor();
  await editor.page.waitForFunction(() => /你的名字: $/.test(document.querySelector(
    ".page-slot:not([hidden]) [data-testid=program-output]")?.innerText ?? ""));
  await stdin.fill("张三");
  await stdin.press("Enter");
  assert.equal(await editor.ended(), "exited with status 0");
  assert.equal(await editor.output.innerText(), "你的名字: 张三\n你好, 张三\n");
  assert.deepEqual(editor.page.errors, []);
});

test("a busy loop leaves the page responsive, and Stop's Ctrl-C ends it as python3 would", async () => {
  const editor = await EditorPage.open("redis");
  await editor.write("n = 0\nwhile True:\n    n += 1\n");
  await editor.run();
  // While it runs, frames keep coming: the page is not frozen.
  const frames = await editor.page.evaluate(() => new Promise((done) => {
    let count = 0;
    const start = performance.now();
    const tick = () => (performance.now() - start < 1000 ? (count++, requestAnimationFrame(tick)) : done(count));
    requestAnimationFrame(tick);
  }));
  assert.ok(frames > 20, `${frames} frames in a second`);
  assert.equal((await editor.newest()).state, "running");
  await editor.view("editor-stop").click();
  assert.equal(await editor.ended(), "exited with status 130");
  const output = await editor.output.innerText();
  assert.match(output, /^Traceback \(most recent call last\):\n {2}File "\/home\/learner\/cache_demo\.py", line \d+, in <module>\n/);
  assert.match(output, /\nKeyboardInterrupt\n$/);
  assert.deepEqual(editor.page.errors, []);
});

for (const [name, options] of [
  ["desktop", {}],
  ["desktop-dark", { colorScheme: "dark" }],
  ["phone", { viewport: PHONE, isMobile: true, hasTouch: true }],
  ["phone-dark", { viewport: PHONE, isMobile: true, hasTouch: true, colorScheme: "dark" }],
]) {
  test(`the editor with a program's output and the process list, ${name}`, async () => {
    const editor = await EditorPage.open("rabbitmq", options);
    await editor.run();
    await editor.outputMatches(/consumer \d+ got/);
    await editor.view("editor-new").click();
    await editor.view("editor-tab").first().click();
    await editor.page.waitForTimeout(1500);
    await editor.panel.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 70));
    await screenshot(editor.page, `editor-rabbitmq-${name}`);
    await editor.view("rmq-bounded").evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 70));
    await screenshot(editor.page, `editor-rabbitmq-queue-${name}`);
    const overflow = await editor.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `nothing wider than the screen (${overflow}px over)`);
    await editor.view("editor-stop").click();
    await editor.ended(4000);
    assert.deepEqual(editor.page.errors, []);
  });
}

/** A program of the Python suite's scenarios, which run it against rabbitmq-server. */
function scenarioProgram(path) {
  return readFileSync(new URL(`../diff/python/scenarios/rabbitmq/${path}`, import.meta.url), "utf8");
}

/** The RabbitMQ tutorial's hello world, as pika 1.x writes it. */
const RECEIVE = scenarioProgram("tutorials/receive.py");
const SEND = scenarioProgram("tutorials/send.py");
/** The lesson's worker with prefetch 1: each dot of a task is 0.2 s of work. */
const WORKER = scenarioProgram("tutorials/worker.py");

/** Publishes each argument as a task. */
const NEW_TASK = `import sys
import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(host='localhost'))
channel = connection.channel()
channel.queue_declare(queue='task_queue', durable=True)
for message in sys.argv[1:]:
    channel.basic_publish(exchange='', routing_key='task_queue', body=message,
                          properties=pika.BasicProperties(delivery_mode=2))
    print(" [x] Sent %r" % message)
connection.close()
`;

/** Adds a tab named `name` holding `text`, and shows it. */
async function addFile(editor, name, text) {
  await editor.view("editor-new").click();
  await editor.view("editor-rename").click();
  const rename = editor.view("editor-rename-input");
  await rename.fill(name);
  await rename.press("Enter");
  await editor.write(text);
}

/** Names of the canvas's nodes of one kind. */
async function nodes(editor, kind) {
  return editor.page.locator(`.page-slot:not([hidden]) [data-testid=rmq-node][data-kind=${kind}]`)
    .evaluateAll((found) => found.map((node) => node.dataset.name));
}

test("pika programs in two tabs: the consumer receives what the producer sends, both drawn on the canvas", async () => {
  const editor = await EditorPage.open("rabbitmq");
  await editor.view("editor-rename").click();
  await editor.view("editor-rename-input").fill("receive.py");
  await editor.view("editor-rename-input").press("Enter");
  await editor.write(RECEIVE);
  await editor.run();
  await editor.outputMatches(/Waiting for messages/);
  await editor.page.waitForFunction(() => document.querySelector(
    ".page-slot:not([hidden]) [data-testid=rmq-node][data-kind=consumer][data-name='receive.py']"), null, { timeout: 5000 });
  assert.match((await editor.newest()).words, /process_data_events/);

  await addFile(editor, "send.py", SEND);
  await editor.run();
  assert.equal(await editor.ended(), "exited with status 0");
  assert.equal(await editor.output.innerText(), " [x] Sent 'Hello World!'\n");
  await editor.page.waitForFunction(() => document.querySelector(
    ".page-slot:not([hidden]) [data-testid=rmq-node][data-kind=producer][data-name='send.py']"), null, { timeout: 5000 });
  assert.ok((await nodes(editor, "queue")).includes("hello"));

  await editor.processes.nth(1).click();
  const received = await editor.outputMatches(/Received/);
  assert.equal(received, " [*] Waiting for messages. To exit press CTRL+C\n [x] Received b'Hello World!'\n");
  await editor.view("rmq-canvas").scrollIntoViewIfNeeded();
  await screenshot(editor.page, "editor-rabbitmq-pika-hello-desktop");

  // Stop is Ctrl-C: the consumer's KeyboardInterrupt ends it, and its consumer goes.
  await editor.view("editor-stop").click();
  await editor.page.waitForFunction(() => !document.querySelector(
    ".page-slot:not([hidden]) [data-testid=rmq-node][data-kind=consumer][data-name='receive.py']"), null, { timeout: 5000 });
  assert.match(await editor.output.innerText(), /KeyboardInterrupt\n$/);
  assert.deepEqual(editor.page.errors, []);
});

test("the lesson's prefetch example: two workers share the tasks fairly", async () => {
  const editor = await EditorPage.open("rabbitmq");
  await editor.view("editor-rename").click();
  await editor.view("editor-rename-input").fill("worker.py");
  await editor.view("editor-rename-input").press("Enter");
  await editor.write(WORKER);
  await editor.run();
  await editor.view("editor-run-again").click();
  await addFile(editor, "new_task.py", NEW_TASK);
  // A long task first (1 s): the first worker is busy with it while the other takes the
  // rest (0.2 s each).
  await editor.run("Long..... a. b. c.");
  assert.equal(await editor.ended(), "exited with status 0");
  const consumers = await nodes(editor, "consumer");
  assert.deepEqual(consumers.sort(), ["worker.py", "worker.py #2"]);
  await editor.processes.nth(2).click();
  const first = await editor.outputMatches(/Done/, 8000);
  await editor.processes.nth(1).click();
  const second = await editor.outputMatches(/'c\.'\n \[x\] Done\n/, 8000);
  assert.match(first, /Received 'Long\.\.\.\.\.'/);
  assert.doesNotMatch(first, /'a\.'|'b\.'|'c\.'/, "the busy worker gets nothing more");
  assert.match(second, /'a\.'[^]*'b\.'[^]*'c\.'/);
  assert.deepEqual(editor.page.errors, []);
});

test("the lesson's pika 0.x consumer fails under pika 1.x; the note rewrites it, or runs it with pika 0.x", async () => {
  const lesson = scenarioProgram("lesson/consumer.py");
  const editor = await EditorPage.open("rabbitmq");
  await editor.write(lesson);
  await editor.run();
  assert.equal(await editor.ended(), "exited with status 1");
  assert.match(await editor.output.innerText(),
    /TypeError: BlockingChannel\.basic_consume\(\) got multiple values for argument 'queue'\n$/);
  const note = editor.view("python2-note");
  assert.match(await note.innerText(), /pika 0\.x/);
  await screenshot(editor.page, "editor-pika0-note-desktop");

  await editor.view("pika0-run").click();
  await editor.outputMatches(/Waiting for messages/);
  assert.equal(await editor.view("pika-version").inputValue(), "0");
  await editor.view("editor-stop").click();
  await editor.ended(4000);

  await editor.view("pika-version").selectOption("1");
  await editor.processes.nth(1).click();
  await editor.view("python2-rewrite").click();
  assert.match(await editor.code.inputValue(),
    /channel\.basic_consume\(on_message_callback=callback,\n {22}queue='hello',\n {22}auto_ack=True\)/);
  await editor.view("editor-run").click();
  await editor.outputMatches(/Waiting for messages/);
  await editor.view("editor-stop").click();
  assert.deepEqual(editor.page.errors, []);
});

test("a redis-py program writes to the page's server: its keys appear in the keyspace", async () => {
  const editor = await EditorPage.open("redis");
  await editor.write(`import redis

r = redis.Redis(host='127.0.0.1', port=6379)
r.set('program:visits', 41)
print(r.incr('program:visits'))
r.rpush('program:queue', 'a', 'b')
print(r.lrange('program:queue', 0, -1))
`);
  await editor.run();
  assert.equal(await editor.ended(), "exited with status 0");
  assert.equal(await editor.output.innerText(), "42\n[b'a', b'b']\n");
  const key = (name) => editor.page.locator(
    `.page-slot:not([hidden]) [data-testid=redis-keyspace] [data-testid=redis-key][data-key="${name}"]`);
  await key("program:visits").waitFor({ timeout: 5000 });
  await key("program:queue").waitFor({ timeout: 5000 });
  assert.deepEqual(editor.page.errors, []);
});

test("a python-memcached program stores on the page's memcached: the items table lists it", async () => {
  const editor = await EditorPage.open("memcached");
  await editor.write(`import memcache

mc = memcache.Client(['127.0.0.1:11211'])
mc.set('program_key', 'from a program')
print(mc.get('program_key'))
`);
  await editor.run();
  assert.equal(await editor.ended(), "exited with status 0");
  assert.equal(await editor.output.innerText(), "from a program\n");
  await editor.page.locator(
    ".page-slot:not([hidden]) [data-testid=mc-items] [data-testid=mc-item][data-key=program_key]",
  ).waitFor({ timeout: 5000 });
  assert.deepEqual(editor.page.errors, []);
});
