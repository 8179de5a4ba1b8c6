import type { APIRequestContext, Page } from 'playwright-core';

/** The trainer's class page: the board, the broadcast form, a seat's controls, the watch pane. */
export class ClassBoardPage {
  constructor(readonly page: Page) {}

  board() {
    return this.page.getByRole('table', { name: 'Class board' });
  }

  seatRow(seat: string) {
    return this.board().getByRole('row', { name: `Seat ${seat}` });
  }

  /** A cell of the board: its words (passed, in progress…), tasks, hints and time. */
  async cell(seat: string, step: number): Promise<string> {
    return (await this.page.locator(`td[aria-label^="${seat} step ${step}:"]`).textContent()) ?? '';
  }

  async broadcast(text: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Message to every seat' });
    await form.getByRole('textbox', { name: 'Message to every seat' }).fill(text);
    await form.getByRole('button', { name: 'Send to all' }).click();
  }

  /** The read-only mirror of a seat's terminal, as text. */
  async watched(): Promise<string> {
    const rows = await this.page.getByTestId('watch-terminal').locator('.xterm-rows > div').allTextContents();
    return rows.map((r) => r.replace(/\u00a0/g, ' ').trimEnd()).join('\n');
  }
}

/** What a trainee sees of its class on every page: the banner with the trainer's messages and the watching mark. */
export class SeatBannerPart {
  constructor(readonly page: Page) {}

  banner() {
    return this.page.getByRole('complementary', { name: 'Your class' });
  }

  watchingMark() {
    return this.banner().getByRole('status').filter({ hasText: 'The trainer is watching your terminal' });
  }

  messages() {
    return this.banner().getByRole('list', { name: 'Messages from the trainer' }).getByRole('listitem').allTextContents();
  }
}

/** The console's HTTP API through a browser context's request client (it shares the context's TLS settings). */
export function contextApi(request: APIRequestContext, origin: string, token: string) {
  return async <T = unknown>(method: string, params: unknown = {}): Promise<{ status: number; ok: boolean; result?: T; error?: { code: string; message: string } }> => {
    const res = await request.post(`${origin}/api/${method}`, { headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, data: JSON.stringify(params) });
    const body = (await res.json().catch(() => ({}))) as { ok?: boolean; result?: T; error?: { code: string; message: string } };
    return { status: res.status(), ok: body.ok === true, result: body.result, error: body.error };
  };
}
