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
  await rmq.dotsInFlight();
  await rmq.canvas.scrollIntoViewIfNeeded();
  await screenshot(rmq.page, "rabbitmq-fanout-canvas-desktop");
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
  const consumer = rmq.view("rmq-add-consumer");
  await consumer.locator("select[name=queue]").selectOption("work");
  await consumer.locator("input[name=prefetch]").fill("3");
  await consumer.locator("input[name=processing]").fill("1s");
  await consumer.getByRole("button", { name: "Start c1" }).click();
  assert.equal((await rmq.lastOutput()).trim(), "consumer c1 started");
  await rmq.run("run 2s");
  const c1 = rmq.node("consumer", "c1");
  assert.match(await c1.textContent(), /3 of prefetch 3 unacked/, "the prefetch window is full");
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
  assert.match(await rmq.view("rmq-bounded-producer").innerText(), /blocked in put\(\)/,
    "a producer four times faster than its consumer waits for room");
  assert.equal(await rmq.view("rmq-bounded-slots").locator("li.full").count(), 3);
  await rmq.view("rmq-charts").scrollIntoViewIfNeeded();
  await screenshot(rmq.page, "rabbitmq-charts-bounded-desktop");
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
  const frames = await rmq.page.evaluate(() => new Promise((done) => {
    const times = [];
    let last = performance.now();
    const tick = (now) => {
      times.push(now - last);
      last = now;
      if (times.length < 120) requestAnimationFrame(tick); else done(times);
    };
    requestAnimationFrame(tick);
  }));
  frames.sort((a, b) => a - b);
  const p95 = frames[Math.floor(frames.length * 0.95)];
  console.log(`rabbitmq: 50 producers, 50 consumers, 10,000 msg/s: frame time p95 ${p95.toFixed(1)} ms`);
  await screenshot(rmq.page, "rabbitmq-busy-desktop");
  await rmq.view("rmq-play").click();
  assert.deepEqual(rmq.page.errors, []);
});

test("on a phone, in the dark theme, the canvas scrolls and the controls wrap", async () => {
  const rmq = await RabbitPage.open({ viewport: PHONE, colorScheme: "dark" });
  await rmq.example("publish/subscribe");
  await rmq.canvas.scrollIntoViewIfNeeded();
  await screenshot(rmq.page, "rabbitmq-fanout-phone-dark");
  const overflow = await rmq.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(overflow, false, "the page itself does not scroll sideways");
  await rmq.view("rmq-controls").scrollIntoViewIfNeeded();
  await screenshot(rmq.page, "rabbitmq-controls-phone-dark");
  assert.deepEqual(rmq.page.errors, []);
});
