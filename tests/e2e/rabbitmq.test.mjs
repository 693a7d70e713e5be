// The RabbitMQ page's own views: the examples tell the lesson's story on the topology
// canvas, the clock's controls run the simulation, the forms add clients, the inspector
// shows a node's messages and actions, the charts and the lesson's bounded queue.

import { test } from "node:test";
import assert from "node:assert/strict";
import { servedApp, openPage, screenshot, ConsolePage, PHONE } from "./support.mjs";

const app = servedApp();

/** A page object for the RabbitMQ page, found by test ids. */
class RabbitPage extends ConsolePage {
  constructor(page) {
    super(page);
    this.view = (id) => page.locator(`.page-slot:not([hidden]) [data-testid=${id}]`);
    this.canvas = this.view("rmq-canvas");
    this.inspector = this.view("rmq-inspector");
    this.clock = this.view("rmq-clock");
  }

  static async open(options = {}) {
    const page = await openPage(app.browser, options);
    await page.goto(`${app.server.url}#/rabbitmq`);
    const rabbit = new RabbitPage(page);
    await rabbit.input.waitFor();
    return rabbit;
  }

  /** Clicks the example whose description contains `text`. */
  async example(text) {
    await this.page.locator(".page-slot:not([hidden]) [data-testid=example]", { hasText: text }).click();
  }

  /** The canvas node of `kind` named `name`. */
  node(kind, name) {
    return this.canvas.locator(`[data-testid=rmq-node][data-kind=${kind}][data-name="${name}"]`);
  }

  /** The binding keys drawn from exchange `from`, sorted. */
  async keysFrom(from) {
    const edges = this.canvas.locator(`[data-testid=rmq-edge][data-from="${from}"]`);
    const keys = await edges.evaluateAll((all) => all.map((e) => `${e.dataset.to}:${e.dataset.key}`));
    return keys.sort();
  }

  /** Waits until the dots canvas has messages in flight on it. */
  async dotsInFlight(timeout = 3000) {
    await this.page.waitForFunction(() => {
      const dots = document.querySelector(".page-slot:not([hidden]) [data-testid=rmq-dots]");
      return Number(dots?.dataset.drawn ?? 0) > 0;
    }, null, { timeout });
  }

  /** Virtual seconds shown on the clock. */
  async seconds() {
    return Number((await this.clock.innerText()).replace(/[^\d.]/g, ""));
  }
}

test("the examples tell the lesson's story: hello world, then a fanout logs exchange", async () => {
  const rmq = await RabbitPage.open();
  await rmq.example("hello world");
  await rmq.node("queue", "hello").waitFor();
  assert.match(await rmq.node("queue", "hello").textContent(), /1 ready · 0 unacked/);
  await rmq.node("exchange", "(AMQP default)").waitFor();
  assert.deepEqual(await rmq.keysFrom("(AMQP default)"), ["hello:hello"],
    "the default exchange routes by queue name");

  await rmq.example("publish/subscribe");
  await rmq.node("exchange", "logs").waitFor();
  assert.deepEqual(await rmq.keysFrom("logs"), ["logs_a:", "logs_b:"], "fanout binds with the empty key");
  for (const name of ["emit_log", "receive_logs_a", "receive_logs_b"]) {
    await rmq.node(name.startsWith("emit") ? "producer" : "consumer", name).waitFor();
  }
  await rmq.canvas.scrollIntoViewIfNeeded();
  await rmq.view("rmq-play").click();
  await rmq.dotsInFlight();
  await screenshot(rmq.page, "rabbitmq-fanout-canvas-desktop");
  await rmq.view("rmq-play").click();
  await rmq.view("rmq-controls").scrollIntoViewIfNeeded();
  await screenshot(rmq.page, "rabbitmq-fanout-desktop");
  assert.deepEqual(rmq.page.errors, []);
});

test("topic routing: each queue gets the keys its pattern matches, seen in the inspector", async () => {
  const rmq = await RabbitPage.open();
  await rmq.example("topics");
  assert.deepEqual(await rmq.keysFrom("topic_logs"), ["critical:*.critical", "kernel:kern.*"]);
  await rmq.node("queue", "critical").click();
  await rmq.inspector.waitFor();
  const keys = await rmq.inspector.locator("[data-testid=rmq-messages] tbody tr td:nth-child(2)").allInnerTexts();
  assert.ok(keys.length > 0, "messages are listed");
  assert.ok(keys.every((k) => k.endsWith(".critical")), `only *.critical in critical: ${keys}`);
  await rmq.node("queue", "kernel").click();
  const kernel = await rmq.inspector.locator("[data-testid=rmq-messages] tbody tr td:nth-child(2)").allInnerTexts();
  assert.deepEqual([...new Set(kernel)].sort(), ["kern.critical", "kern.info"]);
  await screenshot(rmq.page, "rabbitmq-topic-inspector-desktop");
  await rmq.inspector.getByRole("button", { name: "Close the inspector" }).click();
  assert.equal(await rmq.inspector.count(), 0);
  assert.deepEqual(rmq.page.errors, []);
});

test("play, pause, step and speed run the virtual clock; the seed is shown and can be changed", async () => {
  const rmq = await RabbitPage.open();
  assert.match(await rmq.view("rmq-seed").innerText(), /^seed \d+$/);
  assert.equal(await rmq.seconds(), 0);
  await rmq.view("rmq-step").click();
  assert.equal(await rmq.seconds(), 0.1, "a step is 100 ms of virtual time");
  await rmq.view("rmq-speed").selectOption("10");
  await rmq.view("rmq-play").click();
  await rmq.page.waitForTimeout(600);
  await rmq.view("rmq-play").click();
  const after = await rmq.seconds();
  assert.ok(after > 2, `10x for 0.6 s runs seconds of virtual time (got ${after})`);
  await rmq.page.waitForTimeout(300);
  assert.equal(await rmq.seconds(), after, "paused, the clock stays");
  await rmq.view("rmq-seed-form").getByLabel("New seed").fill("42");
  await rmq.view("rmq-seed-form").getByRole("button", { name: "Start over" }).click();
  assert.equal(await rmq.view("rmq-seed").innerText(), "seed 42");
  assert.equal(await rmq.seconds(), 0, "a new seed starts a new world");
  // Starting over with the same seed starts over too: nothing of the last run is left.
  await rmq.run("declare queue name=left_over");
  await rmq.view("rmq-step").click();
  await rmq.view("rmq-seed-form").getByRole("button", { name: "Start over" }).click();
  assert.equal(await rmq.seconds(), 0, "the same seed starts a new world");
  await rmq.run("list queues");
  assert.doesNotMatch(await rmq.lastOutput(), /left_over/);
  assert.deepEqual(rmq.page.errors, []);
});

test("the forms add a producer and a consumer through the console; a consumer can be crashed", async () => {
  const rmq = await RabbitPage.open();
  await rmq.run("declare queue name=work");
  const producer = rmq.view("rmq-add-producer");
  await producer.locator("select[name=exchange]").selectOption("");
  await producer.locator("input[name=routing_key]").fill("work");
  await producer.locator("input[name=rate]").fill("20");
  await producer.getByRole("button", { name: "Start p1" }).click();
  assert.equal((await rmq.lastOutput()).trim(), "producer p1 started");
  await rmq.view("rmq-tab-consumer").click();
  const consumer = rmq.view("rmq-add-consumer");
  await consumer.locator("select[name=queue]").selectOption("work");
  await consumer.locator("input[name=prefetch]").fill("3");
  await consumer.locator("input[name=processing]").fill("1s");
  await consumer.getByRole("button", { name: "Start c1" }).click();
  assert.equal((await rmq.lastOutput()).trim(), "consumer c1 started");
  await rmq.run("run 2s");
  const c1 = rmq.node("consumer", "c1");
  assert.match(await c1.textContent(), /in flight 3 of 3/, "the prefetch window is full");
  assert.equal(await c1.locator("rect.slot.full").count(), 3);
  assert.match(await rmq.node("queue", "work").textContent(), /\d+ ready · 3 unacked/);

  await rmq.canvas.scrollIntoViewIfNeeded();
  await c1.click();
  await rmq.inspector.getByRole("button", { name: "Crash consumer" }).click();
  assert.equal((await rmq.lastOutput()).trim(), "consumer c1 crashed");
  assert.match(await c1.textContent(), /down/);
  assert.match(await rmq.node("queue", "work").textContent(), /ready · 0 unacked/,
    "its unacked messages went back to the queue");
  await screenshot(rmq.page, "rabbitmq-crash-desktop");
  assert.deepEqual(rmq.page.errors, []);
});

test("the producer form's options: a key pattern, a body template, burst, count, persistent, mandatory and confirms", async () => {
  const rmq = await RabbitPage.open();
  await rmq.run("declare exchange name=topic_logs type=topic");
  await rmq.run("declare queue name=kernel");
  await rmq.run("declare binding source=topic_logs destination=kernel routing_key=kern.*");
  const producer = rmq.view("rmq-add-producer");
  await producer.locator("select[name=exchange]").selectOption("topic_logs");
  await producer.getByLabel("routing key(s)").fill("{kern,auth}.{info,error}");
  await producer.getByLabel("order").selectOption("random");
  await producer.getByLabel("msg/s").fill("10");
  await producer.getByLabel("body").fill("msg {n} {key}");
  await producer.getByLabel("burst").fill("2");
  await producer.getByLabel("count").fill("40");
  for (const option of ["persistent", "mandatory", "confirms"]) {
    await producer.getByLabel(option).check();
  }
  await producer.scrollIntoViewIfNeeded();
  await screenshot(rmq.page, "rabbitmq-producer-form-desktop");
  await producer.getByRole("button", { name: "Start p1" }).click();
  const line = await rmq.transcript.locator(".entry").last().locator(".entry-input").innerText();
  assert.ok(line.endsWith("producer name=p1 exchange=topic_logs routing_key='{kern,auth}.{info,error}' rate=10 "
    + "burst=2 count=40 keys=random payload='msg {n} {key}' persistent=true mandatory=true confirms=true"),
  `the transcript shows the console's line: ${line}`);
  assert.equal((await rmq.lastOutput()).trim(), "producer p1 started");
  await rmq.node("producer", "p1").waitFor();
  await rmq.run("run 2s");
  await rmq.node("queue", "kernel").click();
  const bodies = await rmq.inspector.locator("[data-testid=rmq-messages] tbody tr td:nth-child(1)").allInnerTexts();
  assert.ok(bodies.length > 0, "kern.* messages arrived");
  assert.ok(bodies.every((b) => /^msg \d+ kern\.(info|error)$/.test(b)), `the template is filled in: ${bodies}`);
  assert.deepEqual(rmq.page.errors, []);
});

test("on a phone the producer form wraps its options row without scrolling sideways", async () => {
  const rmq = await RabbitPage.open({ viewport: PHONE });
  const producer = rmq.view("rmq-add-producer");
  await producer.getByLabel("persistent").check();
  await producer.scrollIntoViewIfNeeded();
  await screenshot(rmq.page, "rabbitmq-producer-form-phone");
  assert.equal(await rmq.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth), false);
  assert.deepEqual(rmq.page.errors, []);
});

test("closing a consumer's channel requeues its unacked messages, marked redelivered", async () => {
  const rmq = await RabbitPage.open();
  await rmq.run("declare queue name=work");
  await rmq.run("publish exchange=amq.default routing_key=work payload=a");
  await rmq.run("publish exchange=amq.default routing_key=work payload=b");
  await rmq.run("consumer name=slow queue=work prefetch=1 processing=10s");
  await rmq.run("run 100ms");
  assert.match(await rmq.node("queue", "work").textContent(), /1 ready · 1 unacked/);
  await rmq.node("consumer", "slow").click();
  await rmq.inspector.getByRole("button", { name: "Close channel" }).click();
  assert.match(await rmq.lastOutput(), /slow/);
  assert.match(await rmq.transcript.locator(".entry").last().locator(".entry-input").innerText(),
    /close channel consumer=slow$/, "the button ran the console's line");
  assert.match(await rmq.node("consumer", "slow").textContent(), /down/);
  await rmq.node("queue", "work").click();
  const rows = await rmq.inspector.locator("[data-testid=rmq-messages] tbody tr").allInnerTexts();
  assert.equal(rows.length, 2);
  assert.match(rows[0], /^a\s+work\s+yes/, `a is back first, redelivered: ${rows[0]}`);
  assert.match(rows[1], /^b\s+work\s+no/);
  assert.deepEqual(rmq.page.errors, []);
});

test("the forms declare an exchange, a queue with arguments and a binding; the inspector removes them", async () => {
  const rmq = await RabbitPage.open();
  await rmq.view("rmq-tab-exchange").click();
  const exchange = rmq.view("rmq-add-exchange");
  await exchange.locator("input[name=name]").fill("orders");
  await exchange.locator("select[name=type]").selectOption("topic");
  await exchange.getByRole("button", { name: "Declare exchange" }).click();
  assert.equal((await rmq.lastOutput()).trim(), "exchange declared");
  await exchange.locator("input[name=name]").fill("dead");
  await exchange.locator("select[name=type]").selectOption("fanout");
  await exchange.getByRole("button", { name: "Declare exchange" }).click();

  await rmq.view("rmq-tab-queue").click();
  const queue = rmq.view("rmq-add-queue");
  await queue.locator("input[name=name]").fill("eu");
  await queue.locator("input[name=ttl]").fill("5000");
  await queue.locator("input[name=max_length]").fill("3");
  await queue.locator("select[name=dlx]").selectOption("dead");
  await queue.getByRole("button", { name: "Declare queue" }).click();
  assert.equal((await rmq.lastOutput()).trim(), "queue declared");

  await rmq.view("rmq-tab-binding").click();
  const binding = rmq.view("rmq-add-binding");
  await binding.locator("select[name=source]").selectOption("orders");
  await binding.locator("select[name=destination]").selectOption("queue:eu");
  await binding.locator("input[name=routing_key]").fill("eu.#");
  await binding.getByRole("button", { name: "Bind" }).click();
  assert.equal((await rmq.lastOutput()).trim(), "binding declared");
  assert.deepEqual(await rmq.keysFrom("orders"), ["eu:eu.#"]);
  assert.deepEqual(await rmq.keysFrom("eu"), ["dead:dead letters"], "the dead-letter route is drawn");

  await rmq.node("queue", "eu").click();
  const properties = await rmq.inspector.locator("dl").innerText();
  assert.match(properties, /"x-message-ttl":5000/);
  assert.match(properties, /"x-max-length":3/);
  assert.match(properties, /"x-dead-letter-exchange":"dead"/);
  await rmq.canvas.scrollIntoViewIfNeeded();
  await screenshot(rmq.page, "rabbitmq-forms-inspector-desktop");
  await rmq.inspector.getByRole("button", { name: /Remove binding/ }).click();
  assert.equal((await rmq.lastOutput()).trim(), "binding deleted");
  assert.deepEqual(await rmq.keysFrom("orders"), []);
  await rmq.inspector.getByRole("button", { name: "Delete queue" }).click();
  assert.equal((await rmq.lastOutput()).trim(), "queue deleted");
  assert.equal(await rmq.node("queue", "eu").count(), 0);
  await rmq.node("exchange", "orders").click();
  await rmq.inspector.getByRole("button", { name: "Delete exchange" }).click();
  assert.equal((await rmq.lastOutput()).trim(), "exchange deleted");
  assert.equal(await rmq.node("exchange", "orders").count(), 0);
  assert.deepEqual(rmq.page.errors, []);
});

test("a node can be dragged; it keeps its place while the topology changes, and its edges follow", async () => {
  const rmq = await RabbitPage.open();
  await rmq.example("publish/subscribe");
  await rmq.canvas.scrollIntoViewIfNeeded();
  const logs = rmq.node("exchange", "logs");
  const edge = rmq.canvas.locator('[data-testid=rmq-edge][data-from="logs"][data-to="logs_a"] path');
  const before = { x: Number(await logs.getAttribute("data-x")), y: Number(await logs.getAttribute("data-y")),
    d: await edge.getAttribute("d") };
  const box = await logs.locator("rect.box").boundingBox();
  await rmq.page.mouse.move(box.x + 40, box.y + 30);
  await rmq.page.mouse.down();
  await rmq.page.mouse.move(box.x + 80, box.y + 110, { steps: 8 });
  await rmq.page.mouse.up();
  const after = { x: Number(await logs.getAttribute("data-x")), y: Number(await logs.getAttribute("data-y")) };
  assert.ok(after.x > before.x + 20 && after.y > before.y + 50, `moved: ${JSON.stringify([before, after])}`);
  assert.notEqual(await edge.getAttribute("d"), before.d, "the binding's edge follows the node");
  assert.equal(await rmq.inspector.count(), 0, "a drag is not a click");

  await rmq.run("declare queue name=logs_c");
  await rmq.run("declare binding source=logs destination=logs_c");
  assert.equal(Number(await logs.getAttribute("data-x")), after.x, "a new queue does not move it");
  assert.equal(Number(await logs.getAttribute("data-y")), after.y);
  await screenshot(rmq.page, "rabbitmq-dragged-desktop");

  await logs.focus();
  await rmq.page.keyboard.press("ArrowLeft");
  assert.ok(Number(await logs.getAttribute("data-x")) < after.x, "the arrow keys move it too");
  await rmq.view("rmq-put-back").click();
  assert.equal(Number(await logs.getAttribute("data-x")), before.x, "tidying lays it out again");
  assert.deepEqual(rmq.page.errors, []);
});

test("queues are ordered as people count, labels sit by their queues, and dragged nodes outlive a new seed", async () => {
  const rmq = await RabbitPage.open();
  await rmq.run("declare exchange name=x type=topic");
  for (const q of ["q30", "q3", "q29"]) {
    await rmq.run(`declare queue name=${q}`);
    await rmq.run(`declare binding source=x destination=${q} routing_key=key.${q}`);
  }
  const y = async (name) => Number(await rmq.node("queue", name).getAttribute("data-y"));
  assert.ok(await y("q3") < await y("q29") && await y("q29") < await y("q30"), "q3, q29, q30 from the top");
  for (const q of ["q3", "q29", "q30"]) {
    const label = rmq.canvas.locator(`[data-testid=rmq-edge][data-to="${q}"] text.edge-label`);
    const [labelBox, queueBox] = [await label.boundingBox(), await rmq.node("queue", q).locator("rect.box").boundingBox()];
    assert.ok(Math.abs(labelBox.y + labelBox.height / 2 - (queueBox.y + queueBox.height / 2)) < 22,
      `${q}'s key sits beside it: ${JSON.stringify([labelBox, queueBox])}`);
  }
  await rmq.canvas.scrollIntoViewIfNeeded();
  await screenshot(rmq.page, "rabbitmq-natural-order-desktop");

  const box = await rmq.node("queue", "q3").locator("rect.box").boundingBox();
  await rmq.page.mouse.move(box.x + 40, box.y + 30);
  await rmq.page.mouse.down();
  await rmq.page.mouse.move(box.x + 40, box.y + 330, { steps: 8 });
  await rmq.page.mouse.up();
  const dragged = [await rmq.node("queue", "q3").getAttribute("data-x"), await y("q3")];
  await rmq.view("rmq-seed-form").getByLabel("New seed").fill("7");
  await rmq.view("rmq-seed-form").getByRole("button", { name: "Start over" }).click();
  await rmq.run("declare queue name=q3");
  assert.deepEqual([await rmq.node("queue", "q3").getAttribute("data-x"), await y("q3")], dragged,
    "q3 comes back where it was dragged");
  await rmq.view("rmq-put-back").click();
  assert.notDeepEqual([await rmq.node("queue", "q3").getAttribute("data-x"), await y("q3")], dragged);
  assert.deepEqual(rmq.page.errors, []);
});

test("restarting the broker keeps the durable queue and its persistent messages", async () => {
  const rmq = await RabbitPage.open();
  await rmq.example("work queues");
  await rmq.run("declare queue name=scratch durable=false");
  await rmq.view("rmq-restart").click();
  assert.equal((await rmq.lastOutput()).trim(), "broker restarted");
  await rmq.node("queue", "task_queue").waitFor();
  assert.equal(await rmq.node("queue", "scratch").count(), 0, "a transient queue is gone");
  assert.deepEqual(rmq.page.errors, []);
});

test("the charts and the lesson's bounded queue follow the clock", async () => {
  const rmq = await RabbitPage.open();
  await rmq.example("work queues");
  await rmq.view("rmq-bounded-start").click();
  await rmq.run("run 3s");
  const rates = rmq.view("rmq-chart-rates");
  assert.match(await rates.innerText(), /publish \d/);
  assert.equal(await rmq.view("rmq-chart-depths").locator("path.series").count(), 2,
    "task_queue's ready and unacked lines");
  // Starting the threads starts the clock, so the moment read here is not a fixed one:
  // judge what the run adds up to, not whether the producer waits at this instant.
  const [, blocked] = (await rmq.view("rmq-bounded-producer").innerText()).match(/\d+ put, ([\d.]+) s blocked/);
  assert.ok(Number(blocked) > 1, `a producer four times faster than its consumer waits for room (${blocked} s)`);
  assert.ok(await rmq.view("rmq-bounded-slots").locator("li.full").count() >= 2, "the queue stays near full");
  await rmq.view("rmq-charts").scrollIntoViewIfNeeded();
  await screenshot(rmq.page, "rabbitmq-charts-bounded-desktop");
  assert.deepEqual(rmq.page.errors, []);
});

test("starting the bounded queue's threads starts the clock; paused, the view says so", async () => {
  const rmq = await RabbitPage.open();
  await rmq.view("rmq-bounded-start").click();
  await rmq.page.waitForFunction(() => /[1-9]\d* put/.test(
    document.querySelector(".page-slot:not([hidden]) [data-testid=rmq-bounded-producer]")?.innerText ?? ""));
  await rmq.view("rmq-play").click();
  const paused = rmq.view("rmq-bounded-paused");
  await paused.waitFor();
  await paused.getByRole("button", { name: "▶ Play" }).click();
  await paused.waitFor({ state: "detached" });
  assert.deepEqual(rmq.page.errors, []);
});

test("heavy traffic draws a sample and says so; frame time is measured", async () => {
  const rmq = await RabbitPage.open();
  const lines = ["declare exchange name=busy type=topic"];
  for (let i = 0; i < 50; i++) {
    lines.push(`declare queue name=q${i}`, `declare binding source=busy destination=q${i} routing_key=k.${i}`,
      `consumer name=c${i} queue=q${i} prefetch=50 processing=1ms ackmode=auto`);
  }
  for (let i = 0; i < 50; i++) {
    lines.push(`producer name=p${i} exchange=busy routing_key=k.${i} rate=200`);
  }
  for (const line of lines) await rmq.run(line);
  await rmq.view("rmq-play").click();
  await rmq.view("rmq-sampled").waitFor({ timeout: 5000 });
  await rmq.canvas.scrollIntoViewIfNeeded();
  assert.match(await rmq.view("rmq-sampled").textContent(), /drawing about 1 in \d+ messages/);
  await rmq.dotsInFlight();
  // What is measured: the gaps between animation frames (a display's frame is 16.7 ms,
  // so that is the least a gap can be, and the page's timestamps are coarsened to 0.1 ms,
  // so it reads 16.6 to 16.8; longer gaps are missed frames), and from the browser's own
  // counters the main thread's busy time per frame, scripts included: the margin left in
  // a frame. Other programs on the machine can make frames late too.
  const cdp = await rmq.page.context().newCDPSession(rmq.page);
  await cdp.send("Performance.enable");
  const counters = async () => Object.fromEntries(
    (await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
  const frameTimes = async () => {
    const FRAMES = 300;
    const before = await counters();
    const gaps = await rmq.page.evaluate((count) => new Promise((done) => {
      const times = [];
      let last = performance.now();
      const tick = (now) => {
        times.push(now - last);
        last = now;
        if (times.length < count) requestAnimationFrame(tick); else done(times);
      };
      requestAnimationFrame(tick);
    }), FRAMES);
    const after = await counters();
    gaps.sort((a, b) => a - b);
    const at = (q) => gaps[Math.floor(gaps.length * q)].toFixed(1);
    const perFrame = (name) => ((after[name] - before[name]) * 1000 / FRAMES).toFixed(1);
    const missed = gaps.filter((g) => g > 20).length;
    return `frame time p50 ${at(0.5)} ms, p95 ${at(0.95)} ms (${missed} of ${FRAMES} frames missed); `
      + `main thread busy ${perFrame("TaskDuration")} ms a frame, scripts ${perFrame("ScriptDuration")} ms`;
  };
  console.log(`rabbitmq: 50 producers, 50 consumers, 10,000 msg/s: ${await frameTimes()}`);
  await rmq.view("rmq-speed").selectOption("100");
  await rmq.view("rmq-behind").waitFor({ timeout: 5000 });
  console.log(`rabbitmq: the same at 100x (${(await rmq.view("rmq-behind").innerText()).trim()}): `
    + await frameTimes());
  await screenshot(rmq.page, "rabbitmq-busy-desktop");
  await rmq.view("rmq-play").click();
  assert.deepEqual(rmq.page.errors, []);
});

test("on a phone, in the dark theme, the canvas scrolls and the controls wrap", async () => {
  const rmq = await RabbitPage.open({ viewport: PHONE, colorScheme: "dark" });
  await rmq.example("publish/subscribe");
  await rmq.view("rmq-play").click();
  await rmq.canvas.scrollIntoViewIfNeeded();
  await rmq.dotsInFlight();
  await screenshot(rmq.page, "rabbitmq-fanout-phone-dark");
  await rmq.view("rmq-play").click();
  const overflow = () => rmq.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(await overflow(), false, "the page itself does not scroll sideways");
  const frame = rmq.view("rmq-canvas").locator("xpath=ancestor::div[contains(@class,'canvas-scroll')]");
  const scrolls = () => frame.evaluate((f) => f.scrollWidth > f.clientWidth);
  assert.equal(await scrolls(), true, "the canvas scrolls in its own frame");
  await rmq.view("rmq-fit").click();
  assert.equal(await scrolls(), false, "fitted, it does not");
  assert.equal(await overflow(), false);
  await rmq.canvas.evaluate((svg) => svg.scrollIntoView({ block: "center" }));
  await screenshot(rmq.page, "rabbitmq-fanout-phone-dark-fit");
  await rmq.node("queue", "logs_a").click();
  await rmq.inspector.scrollIntoViewIfNeeded();
  await screenshot(rmq.page, "rabbitmq-inspector-phone-dark");
  assert.equal(await overflow(), false, "nor with the inspector open");
  await rmq.view("rmq-controls").scrollIntoViewIfNeeded();
  await screenshot(rmq.page, "rabbitmq-controls-phone-dark");
  assert.deepEqual(rmq.page.errors, []);
});

test("the canvas reads in both themes: topics in the dark on a desktop, in the light on a phone", async () => {
  const dark = await RabbitPage.open({ colorScheme: "dark" });
  await dark.example("topics");
  await dark.node("queue", "kernel").click();
  await dark.canvas.scrollIntoViewIfNeeded();
  await dark.view("rmq-play").click();
  await dark.dotsInFlight();
  await screenshot(dark.page, "rabbitmq-topics-desktop-dark");
  await dark.view("rmq-play").click();
  assert.deepEqual(dark.page.errors, []);

  const light = await RabbitPage.open({ viewport: PHONE, colorScheme: "light" });
  await light.example("topics");
  await light.view("rmq-fit").click();
  await light.canvas.scrollIntoViewIfNeeded();
  await screenshot(light.page, "rabbitmq-topics-phone-light");
  const overflow = await light.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(overflow, false);
  assert.deepEqual(light.page.errors, []);
});

test("dead letters: expired and overflowing orders go to the dead-letter exchange, with their x-death", async () => {
  const rmq = await RabbitPage.open();
  await rmq.example("dead letters");
  await rmq.node("exchange", "dlx").waitFor();
  assert.deepEqual(await rmq.keysFrom("dlx"), ["parked:"]);
  assert.deepEqual(await rmq.keysFrom("orders"), ["dlx:dead letters", "packer:prefetch 1"]);
  assert.match(await rmq.node("queue", "orders").textContent(), /5 ready · 1 unacked/, "x-max-length 5");
  await rmq.node("queue", "parked").click();
  const headers = await rmq.inspector.locator("[data-testid=rmq-messages] tbody tr td:nth-child(4)").allInnerTexts();
  assert.ok(headers.length > 0 && headers.every((h) => h.includes("x-death")), `x-death on each: ${headers}`);
  await rmq.view("rmq-play").click();
  await rmq.canvas.scrollIntoViewIfNeeded();
  await rmq.dotsInFlight();
  await rmq.page.waitForTimeout(400);
  await screenshot(rmq.page, "rabbitmq-dead-letters-desktop");
  await rmq.view("rmq-play").click();
  assert.deepEqual(rmq.page.errors, []);
});

test("the first screen shows the console and the canvas; on a phone an example brings the canvas into view", async () => {
  const rmq = await RabbitPage.open();
  const top = await rmq.canvas.evaluate((canvas) => canvas.getBoundingClientRect().top);
  assert.ok(top < 800 - 150, `the canvas starts on a 1280x800 screen (at ${top}px)`);

  const phone = await RabbitPage.open({ viewport: PHONE, isMobile: true, hasTouch: true });
  await phone.example("hello world");
  await phone.page.waitForFunction(() => {
    const box = document.querySelector(".page-slot:not([hidden]) .rmq-world").getBoundingClientRect();
    return box.top >= -1 && box.top < window.innerHeight / 2;
  });
  assert.deepEqual([...rmq.page.errors, ...phone.page.errors], []);
});

test("the charts' axis text is the size of the other pages'", async () => {
  const rmq = await RabbitPage.open();
  const tickHeight = (selector) => rmq.page.locator(selector).first().evaluate((tick) => tick.getBoundingClientRect().height);
  const here = await tickHeight(".page-slot:not([hidden]) [data-testid=rmq-charts] .tick");
  await rmq.page.getByTestId("nav-redis").click();
  await rmq.page.locator(".page-slot:not([hidden]) [data-testid=redis-charts] .tick").first().waitFor();
  const redis = await tickHeight(".page-slot:not([hidden]) [data-testid=redis-charts] .tick");
  assert.ok(here / redis < 1.2, `RabbitMQ's axis text (${here.toFixed(1)}px) is no larger than Redis's (${redis.toFixed(1)}px)`);
  assert.deepEqual(rmq.page.errors, []);
});
