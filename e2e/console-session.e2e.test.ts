import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser } from '../main/testing/requirements';
import { useConsole } from './launch-console';
import { ConsolePage } from './pages/console-page';

/**
 * The console's credential and its link, in real Chromium: nothing a lab service on another
 * 127.0.0.1 port receives (cookies ignore ports), a link's code good once, and a link in the
 * address bar winning over the session a tab holds.
 */
describe.skipIf(!hasBrowser())('the console session in Chromium', () => {
  const { served, browser } = useConsole();
  let lab: Server;
  let labPort = 0;
  const seen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    // stands in for a lab service the user opens from the services table
    lab = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>a lab service</title><p>service</p>');
    });
    await new Promise<void>((r) => lab.listen(0, '127.0.0.1', r));
    labPort = (lab.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((r) => lab?.close(r));
  });

  it('keeps the credential from a lab service on another 127.0.0.1 port, and out of the address bar', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    const ui = new ConsolePage(page);
    await page.goto(served().url);
    await ui.nav('Labs').waitFor();
    await expect.poll(() => page.url()).not.toContain('code=');
    const session = await page.evaluate(() => sessionStorage.getItem('labdeck.session'));
    expect(session).toMatch(/^[\w-]{20,}$/);
    // the same tab and a new one both visit the lab service
    const other = await context.newPage();
    await other.goto(`http://127.0.0.1:${labPort}/`);
    await page.goto(`http://127.0.0.1:${labPort}/from-the-console`);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const headers of seen) {
      expect(headers.cookie).toBeUndefined();
      expect(headers.authorization).toBeUndefined();
      const all = JSON.stringify(headers);
      expect(all).not.toContain(session!);
      expect(all).not.toContain(served().token);
    }
    expect(await context.cookies()).toEqual([]);
    expect(ui.errors).toEqual([]);
    await context.close();
  });

  it("refuses a link's code the second time it is used", async () => {
    const url = served().url;
    const first = await browser().newContext();
    const a = await first.newPage();
    await a.goto(url);
    await new ConsolePage(a).nav('Labs').waitFor();
    const second = await browser().newContext();
    const b = await second.newPage();
    await b.goto(url);
    await b.getByRole('alert').getByText('already used', { exact: false }).waitFor();
    expect(await b.evaluate(() => sessionStorage.getItem('labdeck.session'))).toBeNull();
    // and the first tab keeps working after a reload: its session is held, not its code
    await a.reload();
    await new ConsolePage(a).nav('Labs').waitFor();
    await first.close();
    await second.close();
  });

  it("shows the observer's view when the observer link is opened in the owner's own tab", async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(served().url);
    await new ConsolePage(page).nav('Labs').waitFor();
    const role = () => page.evaluate(async () => {
      const res = await fetch('/api/app.info', { method: 'POST', body: '{}', headers: { authorization: `Bearer ${sessionStorage.getItem('labdeck.session')}` } });
      return ((await res.json()) as { result?: { role?: string } }).result?.role;
    });
    expect(await role()).toBe('owner');
    await page.goto(`${served().observerUrl()}#/game-days`);
    await page.getByText('This is a read-only observer link', { exact: false }).waitFor();
    expect(await role()).toBe('observer');
    await context.close();
  });
});
