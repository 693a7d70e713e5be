// The shared console on each engine page: type, Enter, history, Ctrl+L, copy, examples,
// and a session that survives a visit to another page.

import { test } from "node:test";
import assert from "node:assert/strict";
import { servedApp, openPage, screenshot, paste, ConsolePage } from "./support.mjs";

const app = servedApp();

const PAGES = ["redis", "memcached", "rabbitmq"];

for (const name of PAGES) {
  test(`${name}: the console has focus, runs a line, and recalls it with Up`, async () => {
    const page = await openPage(app.browser);
    await page.goto(`${app.server.url}#/${name}`);
    const console = new ConsolePage(page);
    await console.input.waitFor();
    assert.equal(await console.input.evaluate((input) => input === document.activeElement), true,
      "the input has keyboard focus when the page opens");
    await console.run("first line");
    await console.run("second line");
    assert.equal(await console.entryCount(), 2);
    assert.equal(await console.input.inputValue(), "", "Enter empties the input");
    await console.input.press("ArrowUp");
    assert.equal(await console.input.inputValue(), "second line");
    await console.input.press("ArrowUp");
    assert.equal(await console.input.inputValue(), "first line");
    await console.input.press("ArrowDown");
    await console.input.press("ArrowDown");
    assert.equal(await console.input.inputValue(), "");
    await console.input.press("Control+l");
    assert.equal(await console.entryCount(), 0, "Ctrl+L clears the transcript");
    assert.deepEqual(page.errors, []);
  });

  test(`${name}: an example runs in the console and the transcript can be copied`, async () => {
    const page = await openPage(app.browser);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(`${app.server.url}#/${name}`);
    const console = new ConsolePage(page);
    const example = page.locator(".page-slot:not([hidden]) [data-testid=example]").first();
    const lines = (await example.locator("code").innerText()).split("\n");
    await example.click();
    assert.equal(await console.entryCount(), lines.length);
    assert.equal(await console.input.evaluate((input) => input === document.activeElement), true,
      "after an example, typing goes on in the console");
    await page.locator(".page-slot:not([hidden]) [data-testid=console-copy]").click();
    await page.locator(".page-slot:not([hidden]) [data-testid=console-copy]", { hasText: "Copied" }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(copied.includes(lines[0]), "the copied transcript holds the example");
    await screenshot(page, `${name}-desktop`);
    assert.deepEqual(page.errors, []);
  });
}

test("a session survives a visit to another page", async () => {
  const page = await openPage(app.browser);
  await page.goto(`${app.server.url}#/redis`);
  const console = new ConsolePage(page);
  await console.run("PING");
  await page.getByTestId("nav-memcached").click();
  await page.locator(".page-slot:not([hidden]) h1", { hasText: "Memcached" }).waitFor();
  await page.getByTestId("nav-redis").click();
  await page.locator(".page-slot:not([hidden]) h1", { hasText: "Redis" }).waitFor();
  assert.equal(await console.entryCount(), 1);
  assert.equal(await console.input.evaluate((input) => input === document.activeElement), true,
    "coming back puts the focus in the console again");
  assert.deepEqual(page.errors, []);
});

/** What each page's console answers, as the real client prints it. */
const CONVERSATIONS = {
  redis: [
    ["SET greeting \"hello world\"", "OK"],
    ["GET greeting", "\"hello world\""],
    ["INCR greeting", "(error) ERR value is not an integer or out of range"],
    ["GET", "(error) ERR wrong number of arguments for 'get' command"],
  ],
  memcached: [
    ["set greeting 0 0 5", ""],
    ["hello", "STORED"],
    ["get greeting", "VALUE greeting 0 5\nhello\nEND"],
    ["incr greeting 1", "CLIENT_ERROR cannot increment or decrement non-numeric value"],
    ["bogus", "ERROR"],
  ],
  rabbitmq: [
    ["declare queue name=hello", "queue declared"],
    ["publish exchange=amq.default routing_key=hello payload=hi", "Message published"],
    ["declare exchange name=amq.logs type=fanout",
      "*** 403 ACCESS_REFUSED - exchange name 'amq.logs' contains reserved prefix 'amq.*'"],
  ],
};

for (const [name, conversation] of Object.entries(CONVERSATIONS)) {
  test(`${name}: the console answers as the real server does`, async () => {
    const page = await openPage(app.browser);
    await page.goto(`${app.server.url}#/${name}`);
    const console = new ConsolePage(page);
    for (const [line, expected] of conversation) {
      await console.run(line);
      const entry = console.transcript.locator(".entry").last();
      const output = (await entry.locator(".entry-output").count()) ? await console.lastOutput() : "";
      assert.equal(output.trimEnd(), expected, `output of ${line}`);
    }
    assert.deepEqual(page.errors, []);
  });
}

test("the keyboard is never held in the Redis console: Tab on an empty line, Shift+Tab, and Esc then Tab leave it", async () => {
  const page = await openPage(app.browser);
  await page.goto(`${app.server.url}#/redis`);
  const console = new ConsolePage(page);
  await console.input.waitFor();
  const focused = () => console.input.evaluate((input) => input === document.activeElement);

  await console.input.focus();
  await page.keyboard.press("Tab");
  assert.equal(await focused(), false, "Tab on an empty line moves focus on");
  assert.equal(await console.input.inputValue(), "", "and types nothing");

  await console.input.focus();
  await page.keyboard.press("Shift+Tab");
  assert.equal(await focused(), false, "Shift+Tab moves focus back");

  await console.input.focus();
  await page.keyboard.type("HSE");
  await page.keyboard.press("Tab");
  assert.equal(await console.input.inputValue(), "HSET", "Tab completes a line begun");
  assert.equal(await focused(), true);
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  assert.equal(await focused(), false, "Esc, then Tab, leaves");
  assert.match(await page.locator(".page-slot:not([hidden]) .console-hint").innerText(), /Esc\s*Tab\s*leave/);
  assert.deepEqual(page.errors, []);
});

test("redis-cli's own clear wipes the console's screen and leaves the server alone", async () => {
  const page = await openPage(app.browser);
  await page.goto(`${app.server.url}#/redis`);
  const console = new ConsolePage(page);
  await console.run("SET kept 1");
  await console.run("clear");
  assert.equal(await console.entryCount(), 0);
  await console.run("GET kept");
  assert.equal((await console.lastOutput()).trim(), '"1"');
  assert.deepEqual(page.errors, []);
});

test("a page's state survives a reload, and Start over clears it", async () => {
  const page = await openPage(app.browser);
  await page.goto(`${app.server.url}#/redis`);
  const console = new ConsolePage(page);
  await console.run("SET visits 1");
  await console.run("INCR visits");
  await page.reload();
  await console.input.waitFor();
  await page.locator(".page-slot:not([hidden]) .entry-output", { hasText: "(integer) 2" }).waitFor();
  await console.run("GET visits");
  assert.equal((await console.lastOutput()).trim(), '"2"', "the lines ran again after the reload");
  await Promise.all([page.waitForEvent("load"), page.locator(".page-slot:not([hidden]) [data-testid=start-over]").click()]);
  await console.input.waitFor();
  await console.run("GET visits");
  assert.equal((await console.lastOutput()).trim(), "(nil)", "Start over opens the page fresh");
  assert.deepEqual(page.errors, []);
});

test("a pasted block runs line by line, as in a terminal: the lesson's redis-py lines, numbered or not", async () => {
  const page = await openPage(app.browser);
  await page.goto(`${app.server.url}#/redis`);
  await page.locator(".page-slot:not([hidden]) [data-testid=client-choice]", { hasText: "redis-py" }).click();
  const console = new ConsolePage(page);
  await paste(console.input, "import redis\nr = redis.Redis(host='10.211.55.4', port=6379)\nr.set('foo', 'Bar')\nprint(r.get('foo'))\n");
  await page.locator(".page-slot:not([hidden]) .entry-output", { hasText: "b'Bar'" }).waitFor();
  assert.equal(await console.entryCount(), 4, "four lines, four entries");
  // The lesson prints its programs with line numbers; a block that ends without a line
  // break leaves its last line typed.
  await paste(console.input, " 1 for key in ['a', 'b']:\n 2     r.set(key, 1)\n 3 \n 4 print(r.keys())");
  assert.equal(await console.input.inputValue(), "print(r.keys())");
  await console.input.press("Enter");
  await page.locator(".page-slot:not([hidden]) .entry-output", { hasText: "b'a'" }).waitFor();
  assert.deepEqual(page.errors, []);
});

test("a 10 MB paste into a console and a 2 MB one into the editor are refused with a message; the tab answers", async () => {
  const page = await openPage(app.browser);
  await page.goto(`${app.server.url}#/redis`);
  const console = new ConsolePage(page);
  await paste(console.input, `SET big ${"x".repeat(10 << 20)}`);
  assert.match(await page.locator(".page-slot:not([hidden]) [data-testid=console-notice]").innerText(),
    /Not pasted: 10\.0 MB is more than the 1 MB/);
  assert.equal(await console.input.inputValue(), "");
  await console.run("PING");
  assert.equal((await console.lastOutput()).trim(), "PONG");

  const code = page.locator(".page-slot:not([hidden]) [data-testid=editor-code]");
  await paste(code, "#".repeat(2 << 20));
  assert.match(await page.locator(".page-slot:not([hidden]) [data-testid=editor-paste-note]").innerText(), /Not pasted: 2\.0 MB/);
  assert.ok((await code.inputValue()).length < 1 << 20, "the editor kept its program");
  assert.deepEqual(page.errors, []);
});
