// The Memcached page's own views: the console's <bytes> shorthand, the items table with its
// expiry countdown, slab memory filling up and evicting under a small -m, the live charts,
// the lesson's CAS race, and the client-side cluster hashing.

import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { mkdir } from "node:fs/promises";
import { servedApp, openPage, screenshot, ConsolePage, PHONE, SCREENSHOTS } from "./support.mjs";

const app = servedApp();

/** A page object for the memcached page's views, found by their test ids. */
class MemcachedPage extends ConsolePage {
  constructor(page) {
    super(page);
    const view = (id) => page.locator(`.page-slot:not([hidden]) [data-testid=${id}]`);
    this.view = view;
    this.items = view("mc-items");
    this.memory = view("mc-memory");
    this.charts = view("mc-charts");
    this.cas = view("mc-cas");
    this.cluster = view("mc-cluster");
  }

  static async open(options = {}, fragment = "#/memcached") {
    const page = await openPage(app.browser, options);
    await page.goto(`${app.server.url}${fragment}`);
    const memcached = new MemcachedPage(page);
    await memcached.input.waitFor();
    return memcached;
  }

  /** The items table's row for `key`. */
  item(key) {
    return this.items.locator(`[data-testid=mc-item][data-key="${key}"]`);
  }

  /** Stores `value` under `key` with the console's shorthand (no <bytes>). */
  async set(key, value, exptime = 0) {
    await this.run(`set ${key} 0 ${exptime}`);
    await this.run(value);
  }

  /** Where the cluster view says `key` lives. */
  async placed(key) {
    return this.cluster.locator(`[data-testid=mc-placement-row][data-key="${key}"] [data-testid=mc-placed]`).innerText();
  }

  /** Saves a picture of one view, for a person to look at. */
  async shoot(locator, name) {
    await mkdir(SCREENSHOTS, { recursive: true });
    await locator.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }
}

test("a storage command without <bytes> takes the next line and shows the command sent", async () => {
  const mc = await MemcachedPage.open();
  await mc.run("set product_count 0 0");
  const prompt = mc.page.locator(".page-slot:not([hidden]) .console-input-line .prompt");
  assert.equal(await prompt.innerText(), "data>", "the console waits for the data line");
  await mc.run("900");
  assert.equal(await mc.transcript.locator(".entry").last().locator(".prompt").innerText(), "data>");
  assert.equal((await mc.lastOutput()).trimEnd(), "sent: set product_count 0 0 3\nSTORED");
  await mc.run("get product_count");
  assert.equal((await mc.lastOutput()).trimEnd(), "VALUE product_count 0 3\n900\nEND");
  await mc.run("set product_count 0 0 3");
  await mc.run("abc");
  assert.equal((await mc.lastOutput()).trimEnd(), "STORED", "with <bytes> typed, the protocol is raw");
  assert.deepEqual(mc.page.errors, []);
});

test("the items table shows each item and counts its expiry down on the virtual clock", async () => {
  const mc = await MemcachedPage.open();
  await mc.set("product_count", "900");
  await mc.set("session", "alice", 3);
  const row = mc.item("product_count");
  await row.waitFor();
  const cells = await row.locator("th, td").allInnerTexts();
  assert.deepEqual(cells.slice(0, 3), ["product_count", "900", "0"]);
  assert.equal(cells[3], "never");
  assert.match(cells[5], /^\d+ B$/, "size in bytes");
  assert.match(await mc.view("mc-last-change").innerText(), /stored session in class \d+/);
  const expiry = mc.item("session").getByTestId("mc-exptime");
  assert.match(await expiry.innerText(), /^[23] s$/);
  await mc.page.waitForFunction(
    (el) => el.textContent === "expired", await expiry.elementHandle(), { timeout: 6000 });
  await mc.run("get session");
  assert.equal((await mc.lastOutput()).trimEnd(), "END", "memcached no longer returns it");
  await mc.item("session").waitFor({ state: "detached" });
  assert.match(await mc.view("mc-last-change").innerText(), /found expired and freed session/);
  await mc.run("gets product_count");
  await mc.shoot(mc.items, "memcached-items");
  assert.deepEqual(mc.page.errors, []);
});

test("the python-memcached console talks to the same server, and the views follow other addresses", async () => {
  const mc = await MemcachedPage.open();
  await mc.set("telnet_key", "1");
  await mc.view("client-choice").filter({ hasText: "python-memcached" }).click();
  assert.equal(await mc.transcript.locator(".entry").count(), 0, "the Python console has its own transcript");
  await mc.run("import memcache");
  await mc.run("mc = memcache.Client(['127.0.0.1:11211'], debug=True)");
  await mc.run("mc.set('foo', 'bar')");
  assert.equal((await mc.lastOutput()).trimEnd(), "True");
  await mc.run("mc.get('telnet_key')");
  assert.equal((await mc.lastOutput()).trimEnd(), "b'1'", "telnet's item (flags 0), read by Python as bytes");
  await mc.run("mc.add('foo', 'again')");
  assert.equal((await mc.lastOutput()).trimEnd(),
    "MemCached: while expecting 'STORED', got unexpected response 'NOT_STORED'\nFalse");
  const flags = await mc.item("foo").locator("th, td").allInnerTexts();
  assert.deepEqual(flags.slice(0, 3), ["foo", "bar", "16"], "stored from a str: python-memcached's text flag");
  assert.equal(await mc.view("mc-shown-server").count(), 0, "one server: nothing to pick");

  await mc.run("lesson = memcache.Client(['10.211.55.4:12000'], debug=True)");
  await mc.run("lesson.set('k1', 'v1')");
  const picker = mc.view("mc-shown-server");
  assert.equal(await picker.count(), 2);
  assert.equal(await picker.filter({ hasText: "10.211.55.4:12000" }).getAttribute("aria-pressed"), "true",
    "the views show the server the latest line talked to");
  await mc.item("k1").waitFor();
  assert.equal(await mc.item("foo").count(), 0);
  await screenshot(mc.page, "memcached-python");
  await picker.filter({ hasText: "127.0.0.1:11211" }).click();
  await mc.item("foo").waitFor();

  await mc.view("client-choice").filter({ hasText: "telnet" }).click();
  assert.equal(await mc.transcript.locator(".entry").count(), 2, "telnet's transcript is kept");
  await mc.run("get foo");
  assert.equal((await mc.lastOutput()).trimEnd(), "VALUE foo 16 3\nbar\nEND");
  assert.deepEqual(mc.page.errors, []);
});

test("a scenario link replays its lines, and Share makes one that rebuilds the same state", async () => {
  const written = await MemcachedPage.open({}, "#/memcached?run=set%20product_count%200%200%0A900%0Aincr%20product_count%205");
  await written.item("product_count").waitFor();
  assert.equal(await written.entryCount(), 3, "the link's lines ran in the console");
  assert.equal((await written.lastOutput()).trimEnd(), "905");

  const mc = await MemcachedPage.open();
  await mc.set("k1", "777");
  await mc.view("client-choice").filter({ hasText: "python-memcached" }).click();
  await mc.run("import memcache");
  await mc.run("mc = memcache.Client(['127.0.0.1:11211'], debug=True)");
  await mc.run("mc.incr('k1', 10)");
  await mc.page.locator(".page-slot:not([hidden]) .console-toolbar button", { hasText: "Clear" }).click();
  assert.equal(await mc.entryCount(), 0);
  await mc.page.locator(".page-slot:not([hidden]) [data-testid=share]").click();
  const status = mc.page.locator(".page-slot:not([hidden]) [data-testid=share-status]");
  await mc.page.waitForFunction((el) => el.textContent.includes("5 lines"), await status.elementHandle());
  const fragment = await mc.page.evaluate(() => location.hash);
  assert.equal(fragment,
    "#/memcached?run=set%20k1%200%200%0A777%0A@py%20import%20memcache%0A" +
    "@py%20mc%20%3D%20memcache.Client(%5B'127.0.0.1:11211'%5D,%20debug%3DTrue)%0A@py%20mc.incr('k1',%2010)",
    "both consoles' lines, in order; lines cleared from the transcript are still in the link");

  const replay = await MemcachedPage.open({}, fragment);
  await replay.item("k1").waitFor();
  assert.equal(await replay.view("client-choice").filter({ hasText: "python-memcached" }).getAttribute("aria-pressed"), "true",
    "the link's last line was Python's: its console is shown");
  assert.equal((await replay.lastOutput()).trimEnd(), "787");
  await replay.view("client-choice").filter({ hasText: "telnet" }).click();
  assert.equal(await replay.entryCount(), 2, "the telnet lines ran in the telnet console");
  assert.deepEqual([...written.page.errors, ...mc.page.errors, ...replay.page.errors], []);
});

test("a small -m fills its slab pages and evicts from the COLD tail", async () => {
  const mc = await MemcachedPage.open();
  await mc.set("product_count", "900");
  await mc.view("mc-limit").filter({ hasText: "-m 2" }).click();
  assert.equal(await mc.entryCount(), 0, "restarting memcached starts a new connection");
  assert.equal(await mc.items.locator("[data-testid=mc-item]").count(), 0, "and a server with no items");
  const tenKb = mc.view("mc-load").filter({ hasText: "10.0 KB" });
  await tenKb.click();
  assert.match(await mc.view("mc-load-result").innerText(), /100 × STORED/);
  const classes = mc.memory.locator("[data-testid=mc-slab-class]");
  assert.equal(await classes.count(), 1, "one class took pages");
  assert.match(await classes.first().innerText(), /2 pages/);
  await tenKb.click();
  await mc.view("mc-evicting").waitFor();
  assert.match(await classes.first().innerText(), /\d+ evicted/);
  assert.match(await mc.view("mc-last-change").innerText(), /evicted \d+ items \(load:\d+ … load:\d+\)/);
  await mc.view("mc-read").click();
  const [, hits, misses] = (await mc.view("mc-load-result").innerText()).match(/(\d+) hits, (\d+) misses/);
  assert.equal(Number(hits) + Number(misses), 100);
  assert.ok(Number(misses) > 0, "some of the keys read were evicted");
  // Another class's first page comes even past -m, and the view says why the total is over.
  await mc.view("mc-load").filter({ hasNotText: "10.0 KB" }).first().click();
  assert.match(await mc.view("mc-over-limit").innerText(), /whole 1 MB pages/);
  await mc.shoot(mc.memory, "memcached-memory");
  await mc.run("stats");
  assert.match(await mc.lastOutput(), /STAT evictions [1-9]\d*/);
  assert.match(await mc.lastOutput(), /STAT limit_maxbytes 2097152/);
  assert.deepEqual(mc.page.errors, []);
});

test("the charts follow hits, misses, items, bytes and evictions", async () => {
  const mc = await MemcachedPage.open();
  await mc.set("product_count", "900");
  await mc.run("get product_count");
  await mc.run("get product_count missing");
  const gets = mc.view("mc-chart-gets");
  assert.match(await gets.innerText(), /get_hits 2/);
  assert.match(await gets.innerText(), /get_misses 1/);
  assert.match(await mc.view("mc-chart-items").innerText(), /curr_items 1/);
  const path = await gets.locator("path.series.hits").getAttribute("d");
  assert.match(path, /^M[\d.]+,[\d.]+(H[\d.]+V[\d.]+)+H[\d.]+$/, "a step line");
  await mc.shoot(mc.charts, "memcached-charts");
  assert.deepEqual(mc.page.errors, []);
});

test("the CAS race replays the lesson: B's cas stores, A's answers EXISTS, A retries", async () => {
  const mc = await MemcachedPage.open();
  const step = mc.view("mc-cas-step");
  const a = mc.cas.locator("[data-testid=mc-cas-exchange][data-client=a]");
  const b = mc.cas.locator("[data-testid=mc-cas-exchange][data-client=b]");
  for (let i = 0; i < 4; i++) await step.click();
  assert.match(await b.nth(0).innerText(), /gets product_count\nVALUE product_count 0 3 (\d+)\n900\nEND/);
  assert.match(await b.nth(1).innerText(), /cas product_count 0 0 3 \d+\n899\nSTORED/);
  await step.click();
  assert.match(await a.nth(2).innerText(), /cas product_count 0 0 3 \d+\n899\nEXISTS/);
  assert.match(await mc.view("mc-cas-narration").innerText(), /EXISTS/);
  await mc.shoot(mc.cas, "memcached-cas-exists");
  await step.click();
  await step.click();
  assert.match(await a.nth(4).innerText(), /898\nSTORED/);
  assert.equal(await step.isDisabled(), true);
  assert.equal(await mc.item("product_count").locator("td.value").innerText(), "898",
    "the race ran against the console's server");
  await mc.run("get product_count");
  assert.equal((await mc.lastOutput()).trimEnd(), "VALUE product_count 0 3\n898\nEND");
  await mc.view("mc-cas-reset").click();
  assert.equal(await a.count(), 0);
  assert.deepEqual(mc.page.errors, []);
});

test("the cluster view places keys as python-memcached, ketama and rendezvous do", async () => {
  const mc = await MemcachedPage.open();
  await mc.set("foo", "bar");
  await mc.set("counter", "1");
  const servers = mc.cluster.getByTestId("mc-server");
  assert.equal(await servers.count(), 3, "the lesson's three servers");
  assert.equal(await mc.cluster.getByTestId("mc-buckets").locator("li").count(), 4, "weights 1, 2, 1 make 4 buckets");
  // The vectors: with [1.1.1.1:12000 x1, 1.1.1.2:12000 x2], foo goes to 1.1.1.2 and counter to 1.1.1.1.
  await servers.nth(2).getByTestId("mc-server-remove").click();
  assert.equal(await mc.placed("foo"), "1.1.1.2:12000");
  assert.equal(await mc.placed("counter"), "1.1.1.1:12000");
  assert.match(await mc.cluster.getByTestId("mc-moved").innerText(), /removed 1\.1\.1\.3:12000/);
  // foo's rehash chain 3187, 29842, 32274: with 1.1.1.2 down, 32274 % 3 = 0.
  await servers.nth(1).getByTestId("mc-server-down").click();
  assert.equal(await mc.placed("foo"), "1.1.1.1:12000");
  assert.match(await mc.cluster.locator("[data-key=foo]").innerText(), /3187 → 29842 → 32274/);
  await servers.nth(1).getByTestId("mc-server-down").click();
  await mc.cluster.getByTestId("mc-server-add").click();
  const shares = await mc.cluster.getByTestId("mc-moved-share").allInnerTexts();
  assert.equal(shares.length, 3);
  const [modulo, ketama, rendezvous] = shares.map((s) => parseFloat(s));
  assert.ok(modulo > ketama && modulo > rendezvous, `modulo moves most: ${shares}`);
  const hitRate = mc.cluster.getByTestId("mc-hit-rate");
  assert.equal(await hitRate.locator("path.series").count(), 3, "one hit-rate line per client");
  assert.match(await hitRate.innerText(), /python-memcached 100%/, "recovered by the end of the simulated minute");
  await mc.shoot(mc.cluster, "memcached-cluster-buckets");
  await mc.cluster.getByTestId("mc-client-tab").filter({ hasText: "ketama" }).click();
  await mc.cluster.getByTestId("mc-ring").waitFor();
  assert.ok(await mc.cluster.locator(".ring-point").count() >= 3 * 160);
  assert.match(await mc.placed("foo"), /^1\.1\.1\.\d:12000$/);
  await mc.shoot(mc.cluster, "memcached-cluster-ketama");
  await mc.cluster.getByTestId("mc-client-tab").filter({ hasText: "rendezvous" }).click();
  assert.equal(await mc.cluster.getByTestId("mc-scores").locator("thead th").count(), 4, "key and three servers");
  assert.match(await mc.placed("counter"), /^\d+$/, "the winning score");
  await mc.shoot(mc.cluster, "memcached-cluster-rendezvous");
  assert.deepEqual(mc.page.errors, []);
});

/** Fills every view, for the whole-page screenshots. */
async function busyPage(options) {
  const mc = await MemcachedPage.open(options);
  for (const example of await mc.page.locator(".page-slot:not([hidden]) [data-testid=example]").all()) {
    await example.click();
  }
  for (let i = 0; i < 5; i++) await mc.view("mc-cas-step").click();
  await mc.view("mc-load").first().click();
  return mc;
}

for (const [name, options] of [
  ["desktop", {}],
  ["desktop-dark", { colorScheme: "dark" }],
  ["phone", { viewport: PHONE, isMobile: true, hasTouch: true }],
]) {
  test(`the whole page, ${name}`, async () => {
    const mc = await busyPage(options);
    await screenshot(mc.page, `memcached-page-${name}`);
    await mc.page.screenshot({ path: join(SCREENSHOTS, `memcached-page-${name}-full.png`), fullPage: true });
    for (const view of ["items", "memory", "charts", "cas", "cluster"]) {
      await mc.shoot(mc[view], `memcached-${view}-${name}`);
    }
    const overflow = await mc.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `nothing wider than the screen (${overflow}px over)`);
    assert.deepEqual(mc.page.errors, []);
  });
}
