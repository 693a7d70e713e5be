// Scenario links: a page opened with `?run=` lines in its fragment runs them, and its
// Share button writes a link that rebuilds the same state in a new tab.

import { test } from "node:test";
import assert from "node:assert/strict";
import { servedApp, openPage, screenshot, ConsolePage } from "./support.mjs";

const app = servedApp();

/** Opens `fragment` and waits for the page's console. */
async function open(fragment) {
  const page = await openPage(app.browser);
  await page.goto(`${app.server.url}${fragment}`);
  const console = new ConsolePage(page);
  // The layout's own console: the Redis page has client consoles besides.
  console.input = page.locator(".page-slot:not([hidden]) .engine-layout [data-testid=console-input]");
  console.transcript = page.locator(".page-slot:not([hidden]) .engine-layout [data-testid=console-transcript]");
  await console.input.waitFor();
  return console;
}

/** Presses Share and returns the fragment it put in the address bar. */
async function share(console) {
  await console.page.locator(".page-slot:not([hidden]) [data-testid=share]").click();
  const status = console.page.locator(".page-slot:not([hidden]) [data-testid=share-status]");
  await console.page.waitForFunction((el) => /runs these/.test(el.textContent), await status.elementHandle());
  return console.page.evaluate(() => location.hash);
}

/** The text of a Redis client console's transcript. */
function redisClient(console, number) {
  return console.page.locator(`.page-slot:not([hidden]) [data-testid=redis-client][data-client="${number}"] [data-testid=console-transcript]`);
}

test("a Redis link replays the main console and the other clients' lines in their consoles", async () => {
  const redis = await open("#/redis");
  await redis.run("SET greeting hello");
  await redis.page.locator(".page-slot:not([hidden]) [data-testid=redis-open-client]").click();
  const second = redis.page.locator('.page-slot:not([hidden]) [data-testid=redis-client][data-client="2"] [data-testid=console-input]');
  await second.fill("APPEND greeting \" world\"");
  await second.press("Enter");
  await redis.run("GET greeting");
  assert.equal((await redis.lastOutput()).trimEnd(), "\"hello world\"");

  const fragment = await share(redis);
  assert.equal(fragment, "#/redis?run=SET%20greeting%20hello%0A@2%20APPEND%20greeting%20%22%20world%22%0AGET%20greeting");

  const replay = await open(fragment);
  await replay.page.waitForFunction(
    () => document.querySelectorAll(".page-slot:not([hidden]) .engine-layout [data-testid=console-transcript] .entry").length === 2);
  assert.equal((await replay.lastOutput()).trimEnd(), "\"hello world\"");
  assert.match(await redisClient(replay, 2).innerText(), /\(integer\) 11/, "client 2's line ran in client 2");
  assert.deepEqual([...redis.page.errors, ...replay.page.errors], []);
});

test("a RabbitMQ link carries the seed its lines ran with", async () => {
  const rabbit = await open("#/rabbitmq?run=declare%20queue%20name%3Dhello%0Apublish%20exchange%3Damq.default%20routing_key%3Dhello%20payload%3Dhi&seed=42");
  await rabbit.page.waitForFunction(
    () => document.querySelectorAll(".page-slot:not([hidden]) [data-testid=console-transcript] .entry").length === 2);
  assert.equal(await rabbit.page.locator(".page-slot:not([hidden]) [data-testid=rmq-seed]").innerText(), "seed 42");
  await rabbit.run("get queue=hello");
  assert.match(await rabbit.lastOutput(), /hi/);
  const fragment = await share(rabbit);
  assert.match(fragment, /^#\/rabbitmq\?run=declare%20queue%20name%3Dhello%0A.*%0Aget%20queue%3Dhello&seed=42$/);
  assert.deepEqual(rabbit.page.errors, []);
});

test("a link followed from a page already open starts afresh", async () => {
  const redis = await open("#/redis");
  await redis.run("SET before link");
  await redis.page.evaluate(() => { location.hash = "#/redis?run=DBSIZE"; });
  await redis.page.waitForFunction(
    () => document.querySelector(".page-slot:not([hidden]) .engine-layout [data-testid=console-transcript] .entry"));
  assert.equal((await redis.lastOutput()).trimEnd(), "(integer) 0", "the link's lines meet a fresh server");
  assert.equal(await redis.entryCount(), 1);
});

test("the redis-py console is a client of the page's server, and a link keeps which console ran what", async () => {
  const redis = await open("#/redis");
  await redis.run("SET visits 10");
  await redis.page.locator(".page-slot:not([hidden]) [data-testid=client-choice]", { hasText: "redis-py" }).click();
  assert.equal(await redis.entryCount(), 0, "the Python console has its own transcript");
  await redis.run("import redis");
  await redis.run("r = redis.Redis(host='127.0.0.1', port=6379)");
  await redis.run("r.incr('visits')");
  assert.equal((await redis.lastOutput()).trimEnd(), "11");
  await redis.run("r.set('foo', 'Bar')");
  assert.equal((await redis.lastOutput()).trimEnd(), "True");
  await redis.run("print(r.get('foo'))");
  assert.equal((await redis.lastOutput()).trimEnd(), "b'Bar'");
  await redis.page.locator('.page-slot:not([hidden]) [data-testid=redis-key][data-key="foo"]').waitFor();
  // The lesson's own line names its server's address: that is this page's server too.
  await redis.run("lesson = redis.Redis(host='10.211.55.4', port=6379)");
  await redis.run("lesson.get('foo')");
  assert.equal((await redis.lastOutput()).trimEnd(), "b'Bar'");

  const fragment = await share(redis);
  assert.match(fragment, /^#\/redis\?run=SET%20visits%2010%0A@py%20import%20redis%0A/);
  const replay = await open(fragment);
  await replay.page.locator('.page-slot:not([hidden]) [data-testid=redis-key][data-key="foo"]').waitFor();
  assert.equal(
    await replay.page.locator(".page-slot:not([hidden]) [data-testid=client-choice]", { hasText: "redis-py" }).getAttribute("aria-pressed"),
    "true", "the link's last line was Python's: its console is shown");
  assert.equal((await replay.lastOutput()).trimEnd(), "b'Bar'");
  await replay.page.locator(".page-slot:not([hidden]) [data-testid=client-choice]", { hasText: "redis-cli" }).click();
  await replay.run("GET visits");
  assert.equal((await replay.lastOutput()).trimEnd(), "\"11\"");

  // The lesson's pub/sub in redis-py: a PubSub subscribes on a connection of its own,
  // which the pub/sub view draws beside the consoles.
  for (const line of ["p = r.pubsub()", "p.subscribe('fm104.5')", "p.get_message()"]) await redis.run(line);
  assert.equal((await redis.lastOutput()).trimEnd(),
    "{'type': 'subscribe', 'pattern': None, 'channel': b'fm104.5', 'data': 1}");
  await redis.run("r.publish('fm104.5', 'hello')");
  assert.equal((await redis.lastOutput()).trimEnd(), "1");
  const pubsub = redis.page.locator(".page-slot:not([hidden]) [data-testid=redis-pubsub]");
  assert.match(await pubsub.locator("[data-testid=redis-pubsub-client][data-client=py]").textContent(), /redis-py · id \d+/);
  assert.match(await pubsub.locator("[data-testid=redis-pubsub-said]").textContent(), /PUBLISH fm104\.5 reached 1 client/);
  await pubsub.scrollIntoViewIfNeeded();
  await screenshot(redis.page, "redis-py-pubsub");
  await redis.run("p.get_message()");
  assert.equal((await redis.lastOutput()).trimEnd(),
    "{'type': 'message', 'pattern': None, 'channel': b'fm104.5', 'data': b'hello'}");
  assert.deepEqual([...redis.page.errors, ...replay.page.errors], []);
});

test("links with control bytes, lone surrogates or invalid UTF-8 open a page that answers", async () => {
  for (const run of ["%00", "%01%02%1B", "%7F", "%ED%A0%80", "%FF%FE", "PING%00PING", "%E5%BC"]) {
    const page = await openPage(app.browser);
    await page.goto(`${app.server.url}#/redis?run=${run}`);
    const console = new ConsolePage(page);
    await console.run("PING");
    await page.waitForFunction(() => /PONG\s*$/.test(
      document.querySelector(".page-slot:not([hidden]) [data-testid=console-transcript]")?.innerText ?? ""));
    assert.deepEqual(page.errors, [], run);
    await page.context().close();
  }
});
