// The Redis page's keyspace view: a card per key with its type, encoding and picture,
// the TTL counting down until the card goes, the pattern filter, SELECT, many keys, and
// screenshots of the page on desktop, phone and in the dark theme.

import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { mkdir } from "node:fs/promises";
import { servedApp, openPage, screenshot, ConsolePage, PHONE, SCREENSHOTS } from "./support.mjs";

const app = servedApp();

/** A page object for the redis page's keyspace view, found by its test ids. */
class RedisPage extends ConsolePage {
  constructor(page) {
    super(page);
    this.keyspace = page.locator(".page-slot:not([hidden]) [data-testid=redis-keyspace]");
    this.filter = this.keyspace.locator("[data-testid=redis-filter]");
    this.count = this.keyspace.locator("[data-testid=redis-key-count]");
    this.lastChange = this.keyspace.locator("[data-testid=redis-last-change]");
    this.cards = this.keyspace.locator("[data-testid=redis-key]");
  }

  static async open(options = {}) {
    const page = await openPage(app.browser, options);
    await page.goto(`${app.server.url}#/redis`);
    const redis = new RedisPage(page);
    await redis.input.waitFor();
    return redis;
  }

  /** The card of `key`. */
  card(key) {
    return this.keyspace.locator(`[data-testid=redis-key][data-key="${key}"]`);
  }

  /** A counter of the stats strip, by its INFO name. */
  async stat(name) {
    return this.keyspace.locator(`[data-testid=redis-stat][data-stat=${name}]`).innerText();
  }

  /** The keys drawn, in order. */
  async keys() {
    return this.cards.evaluateAll((cards) => cards.map((card) => card.dataset.key));
  }

  /** A card's type, encoding and the text of its elements, head to tail or in score order. */
  async describe(key) {
    const card = this.card(key);
    await card.waitFor();
    return {
      type: await card.getAttribute("data-type"),
      encoding: await card.locator("[data-testid=redis-encoding]").innerText(),
      elements: await card.locator("[data-testid=redis-element] code").allInnerTexts(),
    };
  }

  /** Runs the lesson's first commands: one key of each type. */
  async fillWithEachType() {
    for (const line of [
      "SET greeting \"hello world\"",
      "INCR visits",
      "LPUSH tasks write test ship",
      "HSET user:1 name Ada lang Rust",
      "SADD tags redis cache",
      "SADD ids 3 1 2",
      "ZADD board 30 bob 10 alice 20 carol",
    ]) {
      await this.run(line);
    }
    await this.card("board").waitFor();
  }
}

test("each type gets a card with its encoding and a picture of its value", async () => {
  const redis = await RedisPage.open();
  await redis.fillWithEachType();
  assert.deepEqual(await redis.keys(), ["board", "greeting", "ids", "tags", "tasks", "user:1", "visits"]);
  assert.equal(await redis.stat("keys"), "7");
  assert.equal(await redis.stat("expires"), "0");
  assert.equal(await redis.stat("total_commands_processed"), "7");

  assert.deepEqual(await redis.describe("greeting"), { type: "string", encoding: "embstr", elements: [] });
  assert.equal(await redis.card("greeting").locator(".string-value").innerText(), "hello world");
  assert.deepEqual(await redis.describe("visits"), { type: "string", encoding: "int", elements: [] });
  assert.match(await redis.card("visits").innerText(), /1\s*integer/, "an integer is marked as one");
  assert.deepEqual(await redis.describe("tasks"), {
    type: "list", encoding: "quicklist", elements: ["ship", "test", "write"],
  }, "LPUSH puts each item at the head");
  assert.deepEqual(await redis.describe("user:1"), {
    type: "hash", encoding: "listpack", elements: ["name", "Ada", "lang", "Rust"],
  });
  assert.deepEqual(await redis.describe("tags"), { type: "set", encoding: "hashtable", elements: ["redis", "cache"] });
  assert.deepEqual(await redis.describe("ids"), { type: "set", encoding: "intset", elements: ["1", "2", "3"] });
  assert.deepEqual(await redis.describe("board"), {
    type: "zset", encoding: "listpack", elements: ["alice", "carol", "bob"],
  }, "bars go in score order");
  assert.deepEqual(await redis.card("board").locator(".score").allInnerTexts(), ["10", "20", "30"]);
  assert.deepEqual(redis.page.errors, []);
});

test("the key and the element the last command touched are lit, and deletions are said", async () => {
  const redis = await RedisPage.open();
  await redis.fillWithEachType();
  await redis.run("ZINCRBY board 25 alice");
  await redis.keyspace.locator(".key-card.lit[data-key=board]").waitFor();
  assert.equal(await redis.keyspace.locator(".key-card.lit").count(), 1, "only the card written is lit");
  assert.deepEqual(await redis.card("board").locator(".touched code.member").allInnerTexts(), ["alice"]);
  assert.deepEqual((await redis.describe("board")).elements, ["carol", "bob", "alice"], "alice moved to the top");
  assert.equal(await redis.lastChange.innerText(), "Last command: wrote or read board.");

  await redis.run("DEL tasks");
  await redis.card("tasks").waitFor({ state: "detached" });
  assert.equal(await redis.lastChange.innerText(), "Last command: deleted tasks.");
  assert.equal(await redis.keyspace.locator(".key-card.lit").count(), 0);

  await redis.run("RPUSH jobs only");
  await redis.run("LPOP jobs");
  assert.equal(await redis.lastChange.innerText(), "Last command: deleted jobs.",
    "a pop that empties a list deletes the key, as Redis does");
  assert.deepEqual(redis.page.errors, []);
});

test("a TTL counts down on the card, and the card goes when the key expires", async () => {
  const redis = await RedisPage.open();
  await redis.run("SET session alice");
  await redis.run("SET keep forever");
  const ttl = redis.card("session").locator("[data-testid=redis-ttl]");
  assert.equal(await ttl.innerText(), "no TTL");
  await redis.run("EXPIRE session 2");
  assert.equal(await redis.stat("expires"), "1");
  assert.match(await ttl.innerText(), /^TTL [12] s$/);
  await redis.page.waitForFunction(() => document.querySelector(
    ".page-slot:not([hidden]) [data-key=session] [data-testid=redis-ttl]")?.textContent === "TTL 1 s",
  null, { timeout: 3000 });
  await redis.card("session").waitFor({ state: "detached", timeout: 4000 });
  assert.deepEqual(await redis.keys(), ["keep"], "the expired key is gone without a command");
  await redis.run("GET session");
  assert.equal(await redis.lastChange.innerText(), "Last command: found expired and removed session.");
  assert.equal(await redis.stat("expired_keys"), "1");
  assert.equal(await redis.card("keep").locator("[data-testid=redis-ttl]").innerText(), "no TTL");
  assert.deepEqual(redis.page.errors, []);
});

test("the filter matches keys as KEYS does", async () => {
  const redis = await RedisPage.open();
  await redis.run("MSET user:1 ada user:2 grace user:10 linus order:7 paid");
  await redis.filter.fill("user:?");
  assert.deepEqual(await redis.keys(), ["user:1", "user:2"]);
  assert.equal(await redis.count.innerText(), "2 of 4 keys match user:?");
  await redis.filter.fill("*[0-9]0");
  assert.deepEqual(await redis.keys(), ["user:10"]);
  await redis.filter.fill("user:\\1");
  assert.deepEqual(await redis.keys(), ["user:1"], "a backslash escapes, as in KEYS");
  await redis.filter.fill("[");
  assert.equal(await redis.cards.count(), 0, "an unclosed class matches nothing, and nothing breaks");
  await redis.filter.fill("nothing*");
  assert.equal(await redis.cards.count(), 0);
  assert.match(await redis.keyspace.innerText(), /No key matches this pattern/);
  await redis.filter.fill("");
  assert.equal(await redis.cards.count(), 4);
  assert.deepEqual(redis.page.errors, []);
});

test("SELECT switches the view to the other database", async () => {
  const redis = await RedisPage.open();
  await redis.run("SET in-zero 0");
  await redis.run("SELECT 3");
  assert.equal(await redis.keyspace.getAttribute("data-db"), "3");
  assert.match(await redis.keyspace.locator("h2").innerText(), /db 3/);
  assert.equal(await redis.cards.count(), 0);
  await redis.run("SET in-three 3");
  assert.deepEqual(await redis.keys(), ["in-three"]);
  await redis.run("SELECT 0");
  assert.deepEqual(await redis.keys(), ["in-zero"]);
  assert.deepEqual(redis.page.errors, []);
});

test("many keys: at most 200 cards are drawn and the rest are counted", async () => {
  const redis = await RedisPage.open();
  const pairs = Array.from({ length: 250 }, (_, i) => `key:${String(i).padStart(3, "0")} ${i}`).join(" ");
  await redis.run(`MSET ${pairs}`);
  await redis.run(`RPUSH long ${Array.from({ length: 30 }, (_, i) => `item${i}`).join(" ")}`);
  await redis.keyspace.locator("[data-testid=redis-more-keys]").waitFor();
  assert.equal(await redis.cards.count(), 200);
  assert.equal(await redis.stat("keys"), "251");
  assert.match(await redis.keyspace.locator("[data-testid=redis-more-keys]").innerText(), /51 more keys/);
  assert.equal(await redis.keyspace.locator(".last-change").innerText(),
    "Last command: wrote or read long.");
  await redis.filter.fill("long");
  assert.equal(await redis.card("long").locator("[data-testid=redis-element]").count(), 20);
  assert.match(await redis.card("long").innerText(), /… and 10 more items to the tail/);
  assert.deepEqual(redis.page.errors, []);
});


for (const [name, options] of [
  ["desktop", {}],
  ["desktop-dark", { colorScheme: "dark" }],
  ["phone", { viewport: PHONE, isMobile: true, hasTouch: true }],
  ["phone-dark", { viewport: PHONE, isMobile: true, hasTouch: true, colorScheme: "dark" }],
]) {
  test(`the keyspace view, ${name}`, async () => {
    const redis = await RedisPage.open(options);
    await redis.fillWithEachType();
    await redis.run("SET session alice EX 90");
    await redis.run("ZINCRBY board 5 alice");
    // The keyspace's heading just under the sticky site header, as a learner scrolls to it.
    await redis.keyspace.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 110));
    await screenshot(redis.page, `redis-page-${name}`);
    await mkdir(SCREENSHOTS, { recursive: true });
    await redis.keyspace.screenshot({ path: join(SCREENSHOTS, `redis-keyspace-${name}.png`) });
    const overflow = await redis.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `nothing wider than the screen (${overflow}px over)`);
    assert.deepEqual(redis.page.errors, []);
  });
}
