/**
 * How fast the console paints: the Labs page's template cards after navigation, and each page's
 * first data after a click in the menu, in Debian's Chromium against the real `labdeck serve`
 * (its own LABDECK_HOME; no lab needed). The floor is the first contentful paint of a static page
 * served from 127.0.0.1 in the same browser, measured in the same run.
 * Goals (issue 20): Labs cards under 1 s after navigation; no page longer than 2 s to first data.
 * Usage: npx tsx bench/console-paint.ts [--runs N]   (npm run bench:console-paint; npm run build first)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { launchChromium, startServe } from '../e2e/launch-console';
import { clickAndWait, LABS_CARDS_AT, LABS_CARDS_INIT, type PageProbe } from './console-paint/in-page';
import { paintReport, type PaintCase } from './console-paint/report';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs wants a whole number ≥ 1, not ${values.runs}`);

const PAGES: PageProbe[] = [
  { name: 'Game days', data: 'article' },
  { name: 'History' },
  { name: 'Terminals' },
  { name: 'Settings', data: 'form[aria-label="Engine endpoint"] input:checked' },
  { name: 'Labs', data: 'article' },
];

const staticPage = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>floor</title><h1>A static page</h1>'));
await new Promise<void>((r) => staticPage.listen(0, '127.0.0.1', r));
const floorUrl = `http://127.0.0.1:${(staticPage.address() as AddressInfo).port}/`;

const served = await startServe();
const browser = await launchChromium();
const floor: PaintCase = { name: 'static page, first contentful paint', ms: [] };
const fcp: PaintCase = { name: 'console, first contentful paint', ms: [] };
const cards: PaintCase = { name: 'Labs page, template cards on screen', ms: [], goalMs: 1000 };
const pages: PaintCase[] = PAGES.map((p) => ({ name: `${p.name}, first data after the menu click`, ms: [], goalMs: 2000 }));
const paintOf = "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN";

try {
  const load = loadavg()[0].toFixed(2);
  for (let i = 0; i < runs; i++) {
    const fctx = await browser.newContext();
    const fpage = await fctx.newPage();
    await fpage.goto(floorUrl);
    await fpage.waitForFunction("performance.getEntriesByName('first-contentful-paint').length > 0");
    floor.ms.push((await fpage.evaluate(paintOf)) as number);
    await fctx.close();

    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.addInitScript(LABS_CARDS_INIT);
    await page.goto(served.url);
    cards.ms.push((await page.evaluate(LABS_CARDS_AT)) as number);
    fcp.ms.push((await page.evaluate(paintOf)) as number);
    for (const [j, probe] of PAGES.entries()) pages[j].ms.push((await page.evaluate(clickAndWait({ ...probe, timeoutMs: 30_000 }))) as number);
    await ctx.close();
  }
  process.stdout.write(`${paintReport(floor, [fcp, cards, ...pages], runs, load).join('\n')}\n`);
} finally {
  await browser.close();
  await served.stop();
  staticPage.close();
}
