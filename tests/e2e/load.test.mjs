// Loading: the first paint before any wasm, the time to interactive on a slow phone
// and network (printed, not judged), a page whose code fails to arrive, two embeds on one
// page of notes, and a second visit with the network off.

import { test } from "node:test";
import assert from "node:assert/strict";
import { servedApp, openPage, screenshot, PHONE, ConsolePage } from "./support.mjs";

const app = servedApp();

// Chromium DevTools' "Fast 3G" profile, and its 4x CPU slowdown.
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 };
const CPU_SLOWDOWN = 4;

/** A page on a throttled network and CPU, with a fresh cache. */
async function throttledPage(options = {}) {
  const page = await openPage(app.browser, options);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", FAST_3G);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  return page;
}

/** Milliseconds since the page's navigation began, read inside the page. */
const sinceNavigation = (page) => page.evaluate(() => performance.now());

const consoleReady = ".page-slot:not([hidden]) [data-testid=console-input]:not([disabled])";

test("time to interactive on Fast 3G with a 4x slower CPU (figures, not a pass mark)", async () => {
  const figures = [];

  const landing = await throttledPage();
  await landing.goto(app.server.url, { waitUntil: "commit" });
  await landing.waitForFunction(() => document.documentElement.dataset.shell === "ready", null, { polling: 20 });
  figures.push(["landing view", await sinceNavigation(landing), 1500]);

  const embed = await throttledPage();
  await embed.goto(`${app.server.url}?embed=1#/redis`, { waitUntil: "commit" });
  await embed.locator(consoleReady).waitFor({ timeout: 120_000 });
  figures.push(["embedded Redis page", await sinceNavigation(embed), 3000]);

  // The next page's code may already be on its way (prefetched when idle): this is what a
  // learner who moves on at once waits.
  const started = await sinceNavigation(embed);
  await embed.evaluate(() => { location.hash = "#/memcached"; });
  await embed.locator(consoleReady).waitFor({ timeout: 120_000 });
  figures.push(["switch to Memcached, not yet shown", (await sinceNavigation(embed)) - started, 1000]);

  for (const [what, ms, target] of figures) {
    console.log(`time to interactive: ${what}: ${(ms / 1000).toFixed(2)} s (target ${target / 1000} s)`);
  }
  assert.deepEqual([...landing.errors, ...embed.errors], []);
});

test("the header and a skeleton of the view paint before the wasm arrives", async () => {
  const page = await openPage(app.browser);
  // The app's module never arrives, so only index.html (styles and shell inlined) can draw.
  await page.route("**/playground-web.js", () => {});
  await page.goto(`${app.server.url}#/redis`, { waitUntil: "commit" });
  await page.locator(".site-header .brand-name").waitFor();
  await page.getByTestId("page-skeleton").waitFor();
  assert.match(await page.getByTestId("page-skeleton").innerText(), /Loading/);
  await screenshot(page, "redis-skeleton");

  const landing = await openPage(app.browser, { javaScriptEnabled: false, viewport: PHONE });
  await landing.goto(app.server.url);
  assert.ok(await landing.locator(".hero").isVisible(), "the landing view needs no script at all");
  await screenshot(landing, "landing-without-script-phone");
});

test("a page whose code does not arrive says so, offers a retry, and the others still work", async () => {
  const page = await openPage(app.browser);
  let blocked = true;
  await page.route("**/split_memcached.wasm", (route) => (blocked ? route.abort() : route.continue()));
  await page.goto(`${app.server.url}#/memcached`);
  const failure = page.locator(".page-slot:not([hidden]) [data-testid=page-load-failure]");
  await failure.waitFor();
  assert.match(await failure.innerText(), /The Memcached page could not load/);
  await screenshot(page, "page-load-failure");

  await page.getByTestId("nav-redis").click();
  const redis = new ConsolePage(page);
  await redis.run("PING");
  await page.locator(".page-slot:not([hidden]) .entry-output", { hasText: "PONG" }).waitFor();

  blocked = false;
  await page.getByTestId("nav-memcached").click();
  await failure.getByTestId("page-retry").click();
  await page.locator(".page-slot:not([hidden]) h1", { hasText: "Memcached" }).waitFor();
  // The split loader reports each failed fetch on the console; nothing else may.
  assert.deepEqual(page.errors.filter((error) => !/split_memcached|Failed to fetch|ERR_FAILED/.test(error)), []);
});

test("an app that does not arrive at all says so in place of the page", async () => {
  const page = await openPage(app.browser);
  await page.route("**/playground-web_bg.wasm", (route) => route.abort());
  await page.goto(`${app.server.url}#/rabbitmq`);
  await page.getByTestId("app-load-failure").waitFor();
  assert.ok(!(await page.getByTestId("page-skeleton").isVisible()), "no skeleton left spinning");
  assert.ok(await page.getByRole("button", { name: "Try again" }).isVisible());
});

test("two embeds of different pages on one page of notes both work", async () => {
  const page = await openPage(app.browser, { viewport: { width: 1320, height: 560 } });
  await page.goto(`${app.server.origin}/two-embeds.html`);
  const redis = page.frameLocator("#redis");
  const rabbitmq = page.frameLocator("#rabbitmq");
  await redis.locator(consoleReady).fill("PING");
  await redis.locator(consoleReady).press("Enter");
  await redis.locator(".entry-output", { hasText: "PONG" }).waitFor();
  await rabbitmq.locator(consoleReady).fill("list queues");
  await rabbitmq.locator(consoleReady).press("Enter");
  await rabbitmq.locator(".entry-output").last().waitFor();
  await screenshot(page, "two-embeds");
  assert.deepEqual(page.errors, []);
});

test("after a first visit, every page opens with the network off", async () => {
  const page = await openPage(app.browser, { serviceWorkers: "allow" });
  await page.goto(`${app.server.url}#/redis`);
  await page.locator(consoleReady).waitFor();
  // The offline copy is made once the page is idle; it is complete when its worker runs.
  await page.evaluate(() => navigator.serviceWorker.ready);
  const context = page.context();
  await context.setOffline(true);
  const offline = await context.newPage();
  for (const [route, title] of [["#/rabbitmq", "RabbitMQ"], ["#/memcached", "Memcached"], ["#/redis", "Redis"]]) {
    await offline.goto(`${app.server.url}?embed=1${route}`);
    await offline.locator(consoleReady).waitFor();
    assert.equal(await offline.title(), `${title} · Middleware Playground`);
  }
  await offline.goto(app.server.url);
  await offline.locator(".hero").waitFor();
  await context.setOffline(false);
  assert.deepEqual(page.errors, []);
});

test("an embed speaks its postMessage API with its parent only", async () => {
  const page = await openPage(app.browser);
  await page.goto(`${app.server.origin}/api-host.html`);
  const received = (type) => page.evaluate((type) => window.received.filter((message) => message?.type === type), type);
  await page.waitForFunction(() => window.received.some((message) => message?.type === "playground:ready"));
  assert.deepEqual(await received("playground:ready"), [{ type: "playground:ready", page: "redis" }]);

  // The README's snippet sizes the frame to the content it reports.
  await page.waitForFunction(() => window.received.some((message) => message?.type === "playground:size"));
  const [size] = (await received("playground:size")).slice(-1);
  assert.ok(size.height > 520, `the page's content is taller than the frame (${size.height}px)`);
  await page.waitForFunction((height) => document.getElementById("embed").offsetHeight === height, size.height);

  // A sibling frame and malformed messages are ignored; the parent's lines run.
  await page.evaluate(() => {
    const embed = document.getElementById("embed").contentWindow;
    document.getElementById("sibling").contentWindow.eval(
      `parent.frames[0].postMessage({ type: "playground:run", lines: ["SET from-sibling 1"] }, "*")`);
    for (const message of ["PING", { type: "playground:run", lines: "PING" }, { type: "playground:reset" }, null]) {
      embed.postMessage(message, "*");
    }
    embed.postMessage({ type: "playground:run", lines: ["SET greeting hello", "GET greeting"] }, "*");
  });
  const frame = page.frameLocator("#embed");
  await frame.locator(".entry-output", { hasText: '"hello"' }).waitFor();
  assert.equal(await frame.locator(".entry").count(), 2, "only the parent's two lines ran");

  await page.waitForFunction(() => window.received.some((message) => message?.type === "playground:state"));
  const [state] = (await received("playground:state")).slice(-1);
  assert.equal(state.page, "redis");
  assert.match(state.link, /\/course\/playground\/#\/redis\?run=SET%20greeting%20hello%0AGET%20greeting$/);
  assert.equal(await frame.getByTestId("open-full").getAttribute("href"), state.link,
    "the header's link opens the full app with what the learner ran");
  assert.deepEqual(page.errors, []);
});

test("an embed far down the course page costs nothing until it is scrolled near", async () => {
  const page = await openPage(app.browser);
  const requested = [];
  page.on("request", (request) => {
    if (request.url().includes("/course/playground/")) requested.push(request.url());
  });
  await page.goto(`${app.server.origin}/lazy-host.html`, { waitUntil: "load" });
  await page.waitForTimeout(500);
  assert.deepEqual(requested, [], "nothing of the playground is fetched while it is far off screen");
  await page.locator("#embed").scrollIntoViewIfNeeded();
  await page.frameLocator("#embed").locator(consoleReady).waitFor();
  assert.ok(requested.length > 0);
  assert.deepEqual(page.errors, []);
});
