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
    // The main console: other clients' consoles open beside it further down.
    this.input = page.locator(".page-slot:not([hidden]) .engine-layout [data-testid=console-input]");
    this.transcript = page.locator(".page-slot:not([hidden]) .engine-layout [data-testid=console-transcript]");
    this.clients = page.locator(".page-slot:not([hidden]) [data-testid=redis-clients]");
    this.pubsub = page.locator(".page-slot:not([hidden]) [data-testid=redis-pubsub]");
    this.charts = page.locator(".page-slot:not([hidden]) [data-testid=redis-charts]");
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

  /** The main console's latest output, without redis-cli's final newline. */
  async lastOutput() {
    return (await super.lastOutput()).trimEnd();
  }

  /** The pane of extra client `n` (2 to 4). */
  client(n) {
    return this.clients.locator(`[data-testid=redis-client][data-client="${n}"]`);
  }

  /** Types a line into client `n`'s console (1 is the main console). */
  async runIn(n, line) {
    if (n === 1) return this.run(line);
    const input = this.client(n).locator("[data-testid=console-input]");
    await input.click();
    await input.fill(line);
    await input.press("Enter");
  }

  /** Everything client `n`'s console shows. */
  async transcriptOf(n) {
    const transcript = n === 1 ? this.transcript : this.client(n).locator("[data-testid=console-transcript]");
    return transcript.innerText();
  }

  /** The state badges of client `n`. */
  async stateOf(n) {
    const row = n === 1
      ? this.clients.locator("[data-testid=redis-client-row][data-client='1']")
      : this.client(n);
    return row.locator("[data-testid=redis-client-state]").innerText();
  }

  /** Runs the scenario whose button says `title`. */
  async scenario(title) {
    await this.clients.locator("[data-testid=redis-scenario]", { hasText: title }).click();
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
  assert.equal(await redis.lastChange.innerText(),
    "Active expiry (no command): found expired and removed session.");
  assert.equal(await redis.stat("expired_keys"), "1", "the server's active expiry removed it");
  await redis.run("GET session");
  assert.equal((await redis.lastOutput()).trim(), "(nil)");
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

test("many keys: 200 cards a page, the other pages a button away", async () => {
  const redis = await RedisPage.open();
  const pairs = Array.from({ length: 250 }, (_, i) => `key:${String(i).padStart(3, "0")} ${i}`).join(" ");
  await redis.run(`MSET ${pairs}`);
  await redis.run(`RPUSH long ${Array.from({ length: 30 }, (_, i) => `item${i}`).join(" ")}`);
  const more = redis.keyspace.locator("[data-testid=redis-more-keys]");
  await more.waitFor();
  assert.equal(await redis.cards.count(), 200);
  assert.equal(await redis.stat("keys"), "251");
  assert.equal(await more.innerText(), "Keys 1–200 of 251, in KEYS order; 51 more keys on the other pages.");
  assert.equal(await redis.lastChange.innerText(), "Last command: wrote or read long.");
  assert.ok(await redis.keyspace.locator("[data-testid=redis-previous-keys]").isDisabled());
  await redis.keyspace.locator("[data-testid=redis-next-keys]").click();
  assert.equal(await redis.cards.count(), 51);
  assert.deepEqual((await redis.keys()).slice(0, 2), ["key:200", "key:201"]);
  assert.ok(await redis.card("key:200").evaluate((card) => {
    const { top, bottom } = card.getBoundingClientRect();
    return top >= 60 && bottom <= window.innerHeight;
  }), "the new page's first card is brought into view, below the site's header");
  assert.ok(await redis.keyspace.locator("[data-testid=redis-next-keys]").isDisabled());
  await redis.run("SET key:249 changed");
  assert.equal(await redis.card("key:249").locator(".string-value").innerText(), "changed",
    "the page shown stays, and follows the commands");
  await redis.keyspace.locator("[data-testid=redis-previous-keys]").click();
  assert.deepEqual((await redis.keys())[0], "key:000");
  await redis.filter.fill("long");
  assert.equal(await redis.card("long").locator("[data-testid=redis-element]").count(), 20);
  assert.match(await redis.card("long").innerText(), /… and 10 more items to the tail/);
  assert.deepEqual(redis.page.errors, []);
});


test("typing shows redis-cli's grey hint, Tab cycles the completions, HELP explains", async () => {
  const redis = await RedisPage.open();
  const hint = redis.page.locator(".engine-layout [data-testid=console-hint]");
  await redis.input.click();
  await redis.input.pressSequentially("SET");
  assert.equal(await hint.textContent(),
    "SET key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]");
  await redis.input.pressSequentially(" greeting ");
  assert.match(await hint.textContent(), /^SET greeting value \[NX\|XX\]/, "each typed argument takes one off");
  await redis.input.fill("");
  assert.equal(await hint.count(), 0, "no hint for an empty line");

  await redis.input.pressSequentially("expire");
  const shown = [];
  for (let i = 0; i < 5; i++) {
    await redis.input.press("Tab");
    shown.push(await redis.input.inputValue());
  }
  assert.deepEqual(shown, ["EXPIRE", "EXPIREAT", "EXPIRETIME", "expire", "EXPIRE"],
    "Tab cycles the candidates, then the line as typed");
  assert.ok(await redis.input.evaluate((el) => el === document.activeElement), "Tab stays in the console");
  await redis.input.pressSequentially(" k 10");
  assert.equal(await redis.input.inputValue(), "EXPIRE k 10");

  await redis.run("HELP SET");
  assert.match(await redis.lastOutput(), /SET key value/);
  await redis.runIn(1, "");
  await redis.clients.locator("[data-testid=redis-open-client]").click();
  const second = redis.client(2).locator("[data-testid=console-input]");
  await second.pressSequentially("LPU");
  await second.press("Tab");
  assert.equal(await second.inputValue(), "LPUSH", "every client console completes");
  assert.deepEqual(redis.page.errors, []);
});

test("each client console is its own connection to the same server", async () => {
  const redis = await RedisPage.open();
  const open = redis.clients.locator("[data-testid=redis-open-client]");
  await open.click();
  await redis.client(2).waitFor();
  await redis.runIn(2, "SELECT 2");
  assert.equal(await redis.client(2).locator(".console-input-line .prompt").innerText(), "127.0.0.1:6379[2]>");
  assert.equal(await redis.page.locator(".engine-layout .console-input-line .prompt").innerText(), "127.0.0.1:6379>",
    "the main console keeps its own database");
  assert.match(await redis.stateOf(2), /id 2\s+db 2/);
  await redis.runIn(2, "SET where two");
  await redis.run("GET where");
  assert.equal((await redis.lastOutput()).trim(), "(nil)", "client 2 wrote in database 2");
  await redis.runIn(2, "MULTI");
  assert.match(await redis.stateOf(2), /MULTI/);
  assert.equal(await redis.client(2).locator(".console-input-line .prompt").innerText(), "127.0.0.1:6379[2](TX)>");
  await redis.runIn(2, "DISCARD");

  await open.click();
  await open.click();
  assert.equal(await redis.clients.locator("[data-testid=redis-client]").count(), 3);
  assert.ok(await open.isDisabled(), "four clients at most");
  await redis.client(3).locator("[data-testid=redis-close-client]").click();
  await redis.client(3).waitFor({ state: "detached" });
  assert.ok(!(await open.isDisabled()));
  await open.click();
  await redis.client(3).waitFor();
  await redis.run("CLIENT ID");
  assert.equal((await redis.lastOutput()).trim(), "(integer) 1");
  await redis.runIn(3, "CLIENT ID");
  assert.match(await redis.transcriptOf(3), /\(integer\) 5/, "a reopened console is a new connection");
  assert.deepEqual(redis.page.errors, []);
});

test("pub/sub: a published message reaches each subscriber's console and flies on the graph", async () => {
  const redis = await RedisPage.open();
  await redis.scenario("pub/sub");
  await redis.client(3).waitFor();
  assert.match(await redis.transcriptOf(2),
    /Reading messages\.\.\. \(press Ctrl-C to quit\)\n1\) "subscribe"\n2\) "news\.tech"\n3\) \(integer\) 1\n1\) "message"\n2\) "news\.tech"\n3\) "Redis 7\.0 is out"/);
  const three = await redis.transcriptOf(3);
  assert.match(three, /1\) "pmessage"\n2\) "news\.\*"\n3\) "news\.tech"\n4\) "Redis 7\.0 is out"/);
  assert.match(three, /4\) "kick-off at 8"/, "the pattern also matches news.sport");
  assert.doesNotMatch(await redis.transcriptOf(2), /kick-off/, "client 2 did not subscribe to news.sport");
  assert.equal((await redis.lastOutput()).trim(), "(integer) 1");
  assert.match(await redis.stateOf(2), /subscribed: news\.tech/);
  assert.match(await redis.stateOf(3), /patterns: news\.\*/);

  const topics = await redis.pubsub.locator("[data-testid=redis-pubsub-topic]")
    .evaluateAll((nodes) => nodes.map((n) => n.dataset.name));
  assert.deepEqual(topics, ["news.tech", "news.*", "news.sport"]);
  assert.equal(await redis.pubsub.locator("[data-testid=redis-message]").count(), 1,
    "the latest PUBLISH sends one message, through the pattern");
  assert.equal(await redis.pubsub.locator("[data-testid=redis-pubsub-said]").innerText(),
    "PUBLISH news.sport reached 1 client (1 copy).");
  await redis.run("PUBLISH news.tech again");
  assert.equal(await redis.pubsub.locator("[data-testid=redis-message]").count(), 2);
  assert.match(await redis.pubsub.locator("[data-client='1']").getAttribute("class"), /\bpublisher\b/,
    "the publisher is outlined");
  assert.equal(await redis.pubsub.locator("[data-testid=redis-pubsub-publish]").count(), 1,
    "with a line from it to the channel");
  assert.match(await redis.transcriptOf(2), /3\) "again"/);

  // A thousand messages: the console draws the first and the newest, and counts the rest.
  await redis.run("1000 PUBLISH news.tech flood");
  await redis.run("PUBLISH news.tech newest");
  const flooded = await redis.transcriptOf(2);
  assert.match(flooded, /^127\.0\.0\.1:6379> SUBSCRIBE news\.tech\n/);
  assert.match(flooded, /… \d+ lines not shown here \(Copy copies them too\) …\n/);
  assert.match(flooded, /3\) "newest"\n$/);
  assert.deepEqual(redis.page.errors, []);
});

test("a subscribed console reads no commands, as redis-cli; Ctrl-C ends it on a new connection", async () => {
  const redis = await RedisPage.open();
  await redis.scenario("pub/sub");
  await redis.client(3).waitFor();
  const two = redis.client(2);
  assert.equal(await two.locator("[data-testid=console-input]").count(), 0, "no input while subscribed");
  assert.equal(await two.locator(".console-input-line .prompt").count(), 0, "and no prompt");
  assert.match(await two.locator("[data-testid=console-busy]").innerText(), /takes no command\. Ctrl-C ends it\./);

  await two.locator("[data-testid=console-interrupt]").focus();
  await redis.page.keyboard.press("Control+c");
  await two.locator("[data-testid=console-input]").waitFor();
  const said = (await redis.transcriptOf(2)).match(
    /\^C(\(\d+\.\d\ds\))?\n\(redis-cli closed that connection and opened a new one: client id (\d+)\)\n$/);
  assert.ok(said, "the console echoes ^C and says which client it is now");
  assert.notEqual(said[2], "2");
  assert.match(await redis.stateOf(2), new RegExp(`id ${said[2]}\\s+db 0`));
  assert.doesNotMatch(await redis.stateOf(2), /subscribed/);
  assert.ok(await two.locator("[data-testid=console-input]").evaluate((el) => el === document.activeElement),
    "the prompt is back and takes the keyboard");
  await redis.run("PUBLISH news.tech again");
  assert.equal((await redis.lastOutput()).trim(), "(integer) 1", "only client 3's pattern still listens");
  assert.doesNotMatch(await redis.transcriptOf(2), /"again"/);

  // The button does the same on a touch screen.
  await redis.client(3).locator("[data-testid=console-interrupt]").click();
  await redis.client(3).locator("[data-testid=console-input]").waitFor();
  await redis.run("PUBLISH news.tech third");
  assert.equal((await redis.lastOutput()).trim(), "(integer) 0");

  // The main console too, and redis-cli selects its database again on the new connection.
  await redis.run("SELECT 1");
  await redis.run("SUBSCRIBE alerts");
  const main = redis.page.locator(".page-slot:not([hidden]) .engine-layout");
  await main.locator("[data-testid=console-busy]").waitFor();
  assert.equal(await redis.input.count(), 0);
  await redis.page.keyboard.press("Control+c");
  await redis.input.waitFor();
  assert.equal(await main.locator(".console-input-line .prompt").innerText(), "127.0.0.1:6379[1]>");
  await redis.run("CLIENT LIST");
  assert.match(await redis.lastOutput(), /db=1 sub=0 psub=0/);

  // A scenario typed into a subscribed console presses Ctrl-C first.
  await redis.runIn(2, "SUBSCRIBE news.tech");
  await redis.scenario("pub/sub");
  await two.locator("[data-testid=console-busy]").waitFor();
  assert.match(await redis.transcriptOf(2), /\^C[^]*SUBSCRIBE news\.tech\nReading messages/);
  assert.deepEqual(redis.page.errors, []);
});

test("a blocked pop waits, shown on its client, until another client pushes", async () => {
  const redis = await RedisPage.open();
  await redis.clients.locator("[data-testid=redis-open-client]").click();
  await redis.runIn(2, "BLPOP queue 0");
  assert.match(await redis.stateOf(2), /blocked/);
  const two = redis.client(2);
  assert.match(await two.locator("[data-testid=console-busy]").innerText(), /waits for the reply and takes no command/,
    "like redis-cli, no prompt while the reply is awaited");
  await two.scrollIntoViewIfNeeded();
  await screenshot(redis.page, "redis-blocked-pop");
  await redis.page.waitForTimeout(600);
  await redis.run("RPUSH queue job-1");
  assert.equal((await redis.lastOutput()).trim(), "(integer) 1");
  await redis.page.waitForFunction(() => !document.querySelector(
    ".page-slot:not([hidden]) [data-client='2'] [data-testid=redis-client-state]").textContent.includes("blocked"));
  assert.match(await redis.transcriptOf(2), /BLPOP queue 0\n1\) "queue"\n2\) "job-1"\n\(\d\.\d\ds\)/,
    "the reply, then how long it waited, as redis-cli prints them");
  assert.equal(await redis.cards.count(), 0, "the pushed item was popped at once");
  await two.locator("[data-testid=console-input]").waitFor();

  // Ctrl-C while a pop waits: redis-cli 7.0 exits, and the server forgets the wait.
  const before = await redis.stateOf(2);
  await redis.runIn(2, "BLPOP queue 0");
  await two.locator("[data-testid=console-interrupt]").click();
  await two.locator("[data-testid=console-input]").waitFor();
  assert.match(await redis.transcriptOf(2), /BLPOP queue 0\n\^C\n\(redis-cli exited; a new redis-cli is connected to the same server\)/);
  assert.doesNotMatch(await redis.stateOf(2), /blocked/);
  assert.notEqual(await redis.stateOf(2), before, "a new connection, with a new id");
  await redis.run("RPUSH queue job-2");
  assert.equal((await redis.lastOutput()).trim(), "(integer) 1", "nobody waits for it any more");

  await redis.scenario("blocking pop");
  assert.match(await redis.transcriptOf(2), /2\) "resize-image"/);
  assert.deepEqual(redis.page.errors, []);
});

test("WATCH: another client's write makes EXEC return nil", async () => {
  const redis = await RedisPage.open();
  await redis.scenario("WATCH");
  await redis.client(2).waitFor();
  assert.equal((await redis.lastOutput()).trim(), "(nil)");
  assert.match(await redis.transcriptOf(1), /DECRBY balance 30\nQUEUED/);
  assert.match(await redis.card("balance").locator(".string-value").innerText(), /^0\s*integer$/);
  assert.doesNotMatch(await redis.stateOf(1), /MULTI/, "EXEC ended the transaction");
  assert.deepEqual(redis.page.errors, []);
});

test("the charts follow the virtual clock, and keys expire with nobody typing", async () => {
  const redis = await RedisPage.open();
  await redis.run("MSET a 1 b 2 c 3");
  await redis.run("SET short lived PX 1200");
  await redis.page.waitForFunction(() => document.querySelector(
    ".page-slot:not([hidden]) [data-stat=expired_keys]")?.textContent === "1", null, { timeout: 5000 });
  const legend = async (id) => redis.charts.locator(`[data-testid=${id}] .legend`).innerText();
  await redis.page.waitForFunction(() => document.querySelector(
    ".page-slot:not([hidden]) [data-testid=redis-chart-keys] .legend")?.textContent === "keys 3");
  assert.match(await legend("redis-chart-expired"), /^expired_keys 1\s*evicted_keys 0$/);
  assert.equal(await redis.charts.locator("[data-testid=redis-chart-commands] path.series").count(), 1);
  const d = await redis.charts.locator("[data-testid=redis-chart-keys] path.series").getAttribute("d");
  assert.match(d, /^M[\d.]+,[\d.]+(H[\d.]+V[\d.]+)+H[\d.]+$/, "a step line was drawn");
  assert.match(await legend("redis-chart-memory"), /^used_memory \d+\.\d\dK$/);
  await redis.run("GET a");
  await redis.run("GET nothing");
  await redis.page.waitForFunction(() => /keyspace_hits 1\s*keyspace_misses 1/.test(document.querySelector(
    ".page-slot:not([hidden]) [data-testid=redis-chart-hits] .legend")?.textContent ?? ""), null, { timeout: 4000 });
  assert.match(await legend("redis-chart-clients"), /^connected_clients 1$/);

  // Past maxmemory, allkeys-lru evicts: the keyspace says so and the chart counts them.
  await redis.run("CONFIG SET maxmemory-policy allkeys-lru");
  await redis.run("CONFIG SET maxmemory 1100000");
  let said = "";
  for (let i = 0; i < 40 && !said.includes("evicted"); i++) {
    await redis.run(`SET big:${i} ${"x".repeat(10000)}`);
    said = await redis.lastChange.innerText();
  }
  assert.match(said, /evicted to stay under maxmemory/);
  await redis.page.waitForFunction(() => /evicted_keys [1-9]/.test(document.querySelector(
    ".page-slot:not([hidden]) [data-testid=redis-chart-expired] .legend")?.textContent ?? ""), null, { timeout: 4000 });
  assert.deepEqual(redis.page.errors, []);
});


test("a pipeline sends the batched commands in one round trip; a pool lends its connections", async () => {
  const redis = await RedisPage.open();
  const panel = redis.page.locator(".page-slot:not([hidden]) [data-testid=redis-pipeline]");
  await panel.locator("[data-testid=redis-batch]").click();
  await redis.run("INCR hits");
  await redis.run("INCR hits");
  await redis.run("GET hits");
  assert.equal(await redis.cards.count(), 0, "nothing is sent while batching");
  assert.deepEqual(await panel.locator("[data-testid=redis-batched] code").allInnerTexts(), ["INCR hits", "INCR hits", "GET hits"]);
  await panel.locator("[data-testid=redis-pipeline-multi]").check();
  await panel.locator("[data-testid=redis-latency]").fill("50");
  assert.match(await panel.innerText(), /5 commands one at a time: 5 round trips = 250 ms\. As one pipeline: 1 round trip = 50 ms\. Saved: 4 round trips, 200 ms\./);
  await panel.locator("[data-testid=redis-send-pipeline]").click();
  assert.equal((await redis.lastOutput()).trim(), "1) (integer) 1\n2) (integer) 2\n3) \"2\"");
  assert.match(await redis.transcriptOf(1), /MULTI\nOK\n+127\.0\.0\.1:6379\(TX\)> INCR hits\nQUEUED/);
  assert.match(await redis.transcriptOf(1), /> GET hits\n\(held for the pipeline; sent with the others\)/);
  assert.match(await panel.locator("[data-testid=redis-pipeline-figures]").innerText(), /^Last pipeline: 5 commands/);

  await panel.getByRole("button", { name: "3 connections" }).click();
  await panel.locator("[data-testid=redis-run-pool]").click();
  const table = panel.locator("[data-testid=redis-pool-run]");
  assert.equal(await table.locator("tbody tr").count(), 3, "three connections lent");
  assert.equal(await table.locator("thead th").count(), 4, "8 requests over 3 connections: 3 round trips");
  assert.match(await table.innerText(), /request 8 → \(integer\) 8/);
  assert.match(await panel.locator("[data-testid=redis-pool-figures]").innerText(),
    /^8 requests over 3 pooled connections: 3 round trips, 150 ms\./);
  await panel.getByRole("button", { name: "1 connection", exact: true }).click();
  await panel.locator("[data-testid=redis-run-pool]").click();
  assert.equal(await table.locator("tbody tr").count(), 1);
  assert.match(await table.innerText(), /request 8 → \(integer\) 16/, "the same server counts on");
  assert.ok(await table.evaluate((t) => t.scrollWidth <= t.parentElement.clientWidth + 1),
    "eight round trips fit the panel's column, none cut off");
  await redis.run("CLIENT LIST");
  assert.equal((await redis.lastOutput()).split("\n").length, 2, "the pool closed the connections it no longer needs");
  assert.deepEqual(redis.page.errors, []);
});

/** The value at rank `q` (0 to 1) of sorted `values`. */
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
}

/**
 * Types `line` into the main console as a keypress would send it and resolves to the
 * milliseconds until the first frame after the keyspace card of `key` reads `value`.
 */
function timeCommand(page, line, key, value) {
  return page.evaluate(([line, key, value]) => new Promise((done, fail) => {
    const slot = document.querySelector(".page-slot:not([hidden])");
    const input = slot.querySelector(".engine-layout [data-testid=console-input]");
    const keyspace = slot.querySelector("[data-testid=redis-keyspace]");
    const shows = () => keyspace.querySelector(`[data-key="${key}"] .string-value code`)?.textContent === value;
    const timeout = setTimeout(() => fail(new Error(`${key} never showed ${value}`)), 5000);
    const started = performance.now();
    const observer = new MutationObserver(() => {
      if (!shows()) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        clearTimeout(timeout);
        done(performance.now() - started);
      });
    });
    observer.observe(keyspace, { subtree: true, childList: true, characterData: true });
    input.value = line;
    input.dispatchEvent(new InputEvent("input", { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
  }), [line, key, value]);
}

/** Milliseconds from a keystroke in the main console to the next frame, for `text`. */
function timeTyping(page, text) {
  return page.evaluate((text) => new Promise((done) => {
    const input = document.querySelector(".page-slot:not([hidden]) .engine-layout [data-testid=console-input]");
    const gaps = [];
    const type = (i) => {
      if (i === text.length) {
        input.value = "";
        input.dispatchEvent(new InputEvent("input", { bubbles: true }));
        done(gaps);
        return;
      }
      const started = performance.now();
      input.value = text.slice(0, i + 1);
      input.dispatchEvent(new KeyboardEvent("keydown", { key: text[i], bubbles: true }));
      input.dispatchEvent(new InputEvent("input", { bubbles: true }));
      requestAnimationFrame(() => {
        gaps.push(performance.now() - started);
        setTimeout(() => type(i + 1), 20);
      });
    };
    type(0);
  }), text);
}

test("10,000 keys: commands redraw the view quickly (figures printed, not judged)", async () => {
  const redis = await RedisPage.open();
  for (let batch = 0; batch < 5; batch++) {
    const pairs = Array.from({ length: 2000 }, (_, i) => `user:${batch * 2000 + i} v${i}`).join(" ");
    await redis.run(`MSET ${pairs}`);
  }
  await redis.run("EXPIRE user:1 1");
  await redis.page.waitForFunction(() => document.querySelector(
    ".page-slot:not([hidden]) [data-stat=keys]")?.textContent === "10000");
  assert.equal(await redis.cards.count(), 200, "the view draws a page of 200 cards");
  await redis.run("KEYS *");
  assert.match(await redis.lastOutput(), /^ +1\) "user:[^]*… \d+ lines not shown here[^]*\n\d+\) "user:\d+"$/,
    "the console draws the start and the end of a long reply");

  // Frames while the clock ticks (each tick: active expiry, a sample, a redraw).
  const frames = await redis.page.evaluate(() => new Promise((done) => {
    const gaps = [];
    let last = performance.now();
    const start = last;
    const step = (now) => {
      gaps.push(now - last);
      last = now;
      if (now - start < 3500) requestAnimationFrame(step); else done(gaps);
    };
    requestAnimationFrame(step);
  }));

  // Commands typed to their redrawn card: keys drawn first, then new keys, which are
  // drawn in their sorted place.
  const redraws = [];
  const lines = [
    ["user:0", "first"], ["user:10", "tenth"], ["user:1000", "changed"], ["user:0", "again"],
    ["user:100", "hundredth"], ["user:10000", "new"], ["user:0a", "between"], ["user:1001", "x"],
    ["user:102", "y"], ["user:0", "last"],
  ];
  for (const [key, value] of lines) {
    redraws.push(await timeCommand(redis.page, `SET ${key} ${value}`, key, value));
  }
  assert.equal(await redis.card("user:0").locator(".string-value").innerText(), "last",
    "the card of the key written shows its new value");
  assert.ok(await redis.card("user:0").evaluate((card) => card.classList.contains("lit")));
  assert.equal(await redis.stat("keys"), "10001", "user:1 expired, two keys were added");
  assert.equal(await redis.lastChange.innerText(), "Last command: wrote or read user:0.");

  await redis.keyspace.locator("[data-testid=redis-next-keys]").scrollIntoViewIfNeeded();
  await screenshot(redis.page, "redis-keyspace-10k-keys");

  const typing = await timeTyping(redis.page, "SET user:42 hello");
  const ms = (value) => `${value.toFixed(1)} ms`;
  console.log(`10,000 keys: ${frames.length} frames in 3.5 s, p95 frame ${ms(quantile(frames, 0.95))}, ` +
    `worst ${ms(quantile(frames, 1))}; a command to its redrawn card: p50 ${ms(quantile(redraws, 0.5))}, ` +
    `p95 ${ms(quantile(redraws, 0.95))} over ${redraws.length} commands; ` +
    `a keystroke to its frame: p50 ${ms(quantile(typing, 0.5))}, p95 ${ms(quantile(typing, 0.95))}`);
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

for (const [name, options] of [
  ["desktop", {}],
  ["desktop-dark", { colorScheme: "dark" }],
  ["phone", { viewport: PHONE, isMobile: true, hasTouch: true }],
  ["phone-dark", { viewport: PHONE, isMobile: true, hasTouch: true, colorScheme: "dark" }],
]) {
  test(`clients, pub/sub and charts, ${name}`, async () => {
    const redis = await RedisPage.open(options);
    await redis.run("SET visits 10 EX 120");
    await redis.scenario("pub/sub");
    await redis.client(3).waitFor();
    await redis.clients.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 110));
    await screenshot(redis.page, `redis-clients-${name}`);
    await mkdir(SCREENSHOTS, { recursive: true });
    await redis.page.waitForTimeout(400);
    await redis.pubsub.screenshot({ path: join(SCREENSHOTS, `redis-pubsub-${name}.png`) });
    await redis.page.waitForTimeout(2200);
    await redis.charts.screenshot({ path: join(SCREENSHOTS, `redis-charts-${name}.png`) });
    const pipeline = redis.page.locator(".page-slot:not([hidden]) [data-testid=redis-pipeline]");
    await pipeline.locator("[data-testid=redis-batch]").click();
    await redis.run("INCR hits");
    await redis.run("GET hits");
    await pipeline.locator("[data-testid=redis-run-pool]").click();
    await pipeline.screenshot({ path: join(SCREENSHOTS, `redis-pipeline-${name}.png`) });
    const overflow = await redis.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `nothing wider than the screen (${overflow}px over)`);
    assert.deepEqual(redis.page.errors, []);
  });
}

test("a card shows text as text, and redis-cli's escaped bytes on hover", async () => {
  const redis = await RedisPage.open();
  await redis.run("SET name 张三");
  await redis.run("GET name");
  assert.equal((await redis.lastOutput()).trim(), '"\\xe5\\xbc\\xa0\\xe4\\xb8\\x89"', "the console keeps redis-cli's escaping");
  const value = redis.card("name").locator(".string-value code");
  assert.equal(await value.innerText(), "张三");
  assert.equal(await value.getAttribute("title"), '"\\xe5\\xbc\\xa0\\xe4\\xb8\\x89"');
  assert.deepEqual(redis.page.errors, []);
});
