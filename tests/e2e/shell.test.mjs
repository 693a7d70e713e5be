// The app shell: landing view, navigation, routing from a subfolder and in an iframe,
// both layouts, both colour schemes.

import { test } from "node:test";
import assert from "node:assert/strict";
import { servedApp, openPage, screenshot, DESKTOP, PHONE } from "./support.mjs";

const app = servedApp();

test("the landing view says what each page teaches and links to it", async () => {
  const page = await openPage(app.browser);
  await page.goto(app.server.url);
  await page.getByRole("heading", { level: 1 }).waitFor();
  for (const name of ["Redis", "Memcached", "RabbitMQ"]) {
    const card = page.locator(".engine-card", { hasText: name });
    assert.equal(await card.count(), 1, `one card for ${name}`);
    const lines = await card.locator("p").allInnerTexts();
    assert.equal(lines.length, 2, `${name}'s card has two lines`);
  }
  assert.equal(await page.title(), "Middleware Playground");
  await screenshot(page, "landing-desktop");
  assert.deepEqual(page.errors, []);
});

test("navigation moves between pages and marks the current one", async () => {
  const page = await openPage(app.browser);
  await page.goto(app.server.url);
  for (const [testid, title] of [["nav-redis", "Redis"], ["nav-memcached", "Memcached"], ["nav-rabbitmq", "RabbitMQ"]]) {
    await page.getByTestId(testid).click();
    await page.locator(".page-slot:not([hidden]) h1", { hasText: title }).waitFor();
    assert.equal(await page.getByTestId(testid).getAttribute("aria-current"), "page");
    assert.equal(await page.title(), `${title} · Middleware Playground`);
  }
  await page.getByTestId("brand").click();
  await page.locator(".hero").waitFor();
  assert.deepEqual(page.errors, []);
});

test("a deep link from a subfolder opens its page, and Back returns", async () => {
  const page = await openPage(app.browser);
  await page.goto(`${app.server.url}#/memcached`);
  await page.locator(".page-slot:not([hidden]) h1", { hasText: "Memcached" }).waitFor();
  await page.getByTestId("nav-rabbitmq").click();
  await page.locator(".page-slot:not([hidden]) h1", { hasText: "RabbitMQ" }).waitFor();
  await page.goBack();
  await page.locator(".page-slot:not([hidden]) h1", { hasText: "Memcached" }).waitFor();
  assert.deepEqual(page.errors, []);
});

test("a page's name in the link ignores case", async () => {
  const page = await openPage(app.browser);
  await page.goto(`${app.server.url}#/REDIS`);
  await page.locator(".page-slot:not([hidden]) h1", { hasText: "Redis" }).waitFor();
  assert.equal(await page.getByTestId("nav-redis").getAttribute("aria-current"), "page");
  assert.deepEqual(page.errors, []);
});

test("an unknown page says so and offers the way back", async () => {
  const page = await openPage(app.browser);
  await page.goto(`${app.server.url}#/kafka`);
  await page.getByText("There is no such page.").waitFor();
  await page.getByRole("link", { name: "Back to the start" }).click();
  await page.locator(".hero").waitFor();
  assert.deepEqual(page.errors, []);
});

test("the phone layout stacks the cards and keeps the navigation reachable", async () => {
  const page = await openPage(app.browser, { viewport: PHONE, isMobile: true, hasTouch: true });
  await page.goto(app.server.url);
  await page.locator(".engine-card").first().waitFor();
  const boxes = await page.locator(".engine-card").evaluateAll((cards) =>
    cards.map((card) => card.getBoundingClientRect().toJSON()));
  assert.ok(boxes[1].top >= boxes[0].bottom, "cards are stacked");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scroll (overflow ${overflow}px)`);
  await screenshot(page, "landing-phone");
  await page.getByTestId("nav-redis").click();
  await page.locator(".page-slot:not([hidden]) [data-testid=console-input]").waitFor();
  await screenshot(page, "redis-phone");
  assert.deepEqual(page.errors, []);
});

test("the dark theme follows the operating system", async () => {
  const light = await openPage(app.browser, { colorScheme: "light" });
  const dark = await openPage(app.browser, { colorScheme: "dark" });
  const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  for (const page of [light, dark]) {
    await page.goto(app.server.url);
    await page.locator(".hero").waitFor();
  }
  assert.notEqual(await background(light), await background(dark));
  await screenshot(dark, "landing-dark");
  assert.deepEqual([...light.errors, ...dark.errors], []);
});

test("embedded in course notes, the app runs in an iframe with a compact header", async () => {
  const page = await openPage(app.browser, { viewport: DESKTOP });
  await page.goto(`${app.server.origin}/host.html`);
  const frame = page.frameLocator("#embed");
  await frame.locator(".site-header.embed").waitFor();
  assert.equal(await frame.locator("nav").count(), 0, "no site navigation inside the frame");
  const input = frame.getByTestId("console-input");
  await input.click();
  await input.fill("PING");
  await input.press("Enter");
  await frame.locator(".entry-output").last().getByText("PONG").waitFor();
  assert.match(await frame.getByTestId("open-full").getAttribute("href"), /#\/redis\?run=PING$/,
    "the link to the full app carries what the learner ran");
  await screenshot(page, "embedded-redis");
  assert.deepEqual(page.errors, []);
});

test("an embed shows only the panels its course page names", async () => {
  const page = await openPage(app.browser, { viewport: { width: 800, height: 520 } });
  await page.goto(`${app.server.url}?embed=1&panel=keyspace,console#/redis`);
  const slot = page.locator(".page-slot:not([hidden])");
  await slot.getByTestId("console-input").waitFor();
  assert.ok(await slot.locator("[data-panel=keyspace]").isVisible());
  for (const hidden of ["examples", "editor", "clients", "pubsub", "charts", "pipeline"]) {
    assert.equal(await slot.locator(`[data-panel=${hidden}]`).isVisible(), false, `${hidden} is left out`);
  }
  const keyspaceTop = await slot.locator("[data-panel=keyspace]").evaluate((panel) => panel.getBoundingClientRect().top);
  assert.ok(keyspaceTop < 520, `the keyspace starts inside the frame (at ${keyspaceTop}px)`);
  await screenshot(page, "embedded-redis-panels");

  const canvasFirst = await openPage(app.browser, { viewport: { width: 800, height: 520 } });
  await canvasFirst.goto(`${app.server.url}?embed=1&panel=canvas,console#/rabbitmq`);
  const shown = canvasFirst.locator(".page-slot:not([hidden])");
  await shown.getByTestId("console-input").waitFor();
  const top = (selector) => shown.locator(selector).evaluate((element) => element.getBoundingClientRect().top);
  assert.ok(await top("[data-panel=canvas]") < await top("[data-panel=console]"), "the canvas comes first");
  assert.equal(await shown.locator("[data-panel=examples]").isVisible(), false);
  await screenshot(canvasFirst, "embedded-rabbitmq-canvas-first");

  const everything = await openPage(app.browser, { viewport: { width: 800, height: 520 } });
  await everything.goto(`${app.server.url}?embed=1&panel=nonsense#/redis`);
  await everything.locator(".page-slot:not([hidden]) [data-panel=editor]").waitFor();
  assert.deepEqual([...page.errors, ...canvasFirst.errors, ...everything.errors], []);
});
