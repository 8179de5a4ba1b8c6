import type { Page } from 'playwright-core';

/** Counts the output bytes the page's terminal sockets receive (installed before the app loads). */
export const TAP = `
(() => {
  const tap = { bytes: 0 };
  window.__soak = tap;
  const Native = window.WebSocket;
  class Tapped extends Native {
    constructor(u, p) {
      super(u, p);
      if (String(u).includes('/api/term/')) this.addEventListener('message', (ev) => { if (ev.data instanceof ArrayBuffer) tap.bytes += ev.data.byteLength; });
    }
  }
  window.WebSocket = Tapped;
})();
`;

/** Endless, steady output: ~300 short lines every 0.1 s (~10 KB/s on a quiet machine), with a counter and the time. */
const STREAM = "i=0; while :; do i=$((i+1)); date +\"soak $i %T.%N\"; seq 1 300; sleep 0.1; done";

export const terminalBytes = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __soak: { bytes: number } }).__soak.bytes);

/**
 * Opens `n` shells from the Terminals page's form, into the lab's services in turn, each running
 * the stream; then splits the page, so two are on screen and the rest stream in hidden tabs.
 */
export async function openStreamingTerminals(page: Page, base: string, lab: string, n: number): Promise<string[]> {
  await page.goto(`${base}#/terminals`);
  const form = page.getByRole('form', { name: 'New terminal' });
  await form.getByRole('combobox', { name: 'Lab' }).selectOption(lab);
  const service = form.getByRole('combobox', { name: 'Service' });
  await service.locator('option').nth(1).waitFor({ state: 'attached', timeout: 20_000 }).catch(() => undefined);
  const services = (await service.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter(Boolean);
  if (services.length === 0) throw new Error(`no services to open a shell in, in lab ${lab}`);
  const opened: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = services[i % services.length];
    await form.getByRole('combobox', { name: 'Lab' }).selectOption(lab);
    await service.selectOption(name);
    await form.getByRole('button', { name: 'Open shell' }).click();
    const status = page.getByRole('status', { name: `Status of ${name} · ${lab}` }).filter({ hasText: 'Connected' });
    await status.first().waitFor({ timeout: 30_000 });
    await page.getByRole('region', { name: `Terminal ${name} · ${lab}` }).first().click();
    await page.keyboard.type(STREAM);
    await page.keyboard.press('Enter');
    opened.push(name);
  }
  await page.getByRole('button', { name: 'Split' }).click();
  return opened;
}
