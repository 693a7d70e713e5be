import { test } from "node:test";
import { servedApp, openPage, ConsolePage, DESKTOP, PHONE, SCREENSHOTS } from "./support.mjs";
import { join } from "node:path";
const app = servedApp();
for (const [name, viewport] of [["desk", DESKTOP], ["phone", PHONE]]) {
  test(`look ${name}`, async () => {
    const page = await openPage(app.browser, { viewport });
    await page.goto(`${app.server.url}#/redis`);
    const c = new ConsolePage(page);
    c.input = page.locator(".page-slot:not([hidden]) .engine-layout [data-testid=console-input]");
    c.transcript = page.locator(".page-slot:not([hidden]) .engine-layout [data-testid=console-transcript]");
    await c.input.waitFor();
    for (const l of ["SET foo Bar", "RPUSH queue a b c", "HSET user:1 name Ann age 30", "ZADD board 10 ann 20 bob 5 cy", "SADD tags red green", "EXPIRE foo 100", "INCR counter", "GET nope", "LPOP"]) await c.run(l);
    await page.locator(".page-slot:not([hidden]) [data-testid=client-choice]", { hasText: "redis-py" }).click();
    for (const l of ["import redis", "r = redis.Redis(host='10.211.55.4', port=6379)", "r.set('foo', 'Bar')", "print r.get('foo')", "print(r.get('foo'))", "p = r.pubsub()", "p.subscribe('fm104.5')", "r.publish('fm104.5', 'hi')", "p.get_message()", "p.get_message()", "r.hgetall('user:1')"]) await c.run(l);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(SCREENSHOTS, `look-${name}.png`), fullPage: true });
  });
}
