import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleFixture, type ConsoleFixture } from '../testing/console-fixture';
import { FLOOD_BYTES, floodPost } from '../testing/http-flood';

let f: ConsoleFixture;
beforeAll(async () => {
  f = await consoleFixture('srv-body');
});
afterAll(() => f?.close());

const flood = (opts: { declareLength: boolean }) =>
  floodPost(f.server.port, `POST /api/settings.update HTTP/1.1\r\nhost: 127.0.0.1:${f.server.port}\r\nauthorization: Bearer ${f.server.token}\r\ncontent-type: application/json`, opts);

describe('an oversized request body', () => {
  it('declared in Content-Length is refused with 413 PAYLOAD_TOO_LARGE and the connection cut, most of it never read', async () => {
    const r = await flood({ declareLength: true });
    expect(r.status).toBe(413);
    expect(r.closedByServer).toBe(true);
    expect(r.sent).toBeLessThan(FLOOD_BYTES / 2);
  });

  it('streamed without a length is cut as soon as it passes the limit, not drained to the end', async () => {
    const r = await flood({ declareLength: false });
    expect(r.status).toBe(413);
    expect(r.closedByServer).toBe(true);
    expect(r.sent).toBeLessThan(FLOOD_BYTES / 2);
  });

  it('answers a body under the limit as before, and the server keeps answering after a flood', async () => {
    await flood({ declareLength: false });
    const res = await fetch(`${f.base}/api/settings.get`, { method: 'POST', headers: { authorization: `Bearer ${f.server.token}` }, body: JSON.stringify({ pad: 'x'.repeat(900 * 1024) }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const json = await (await fetch(`${f.base}/api/settings.get`, { method: 'POST', headers: { authorization: `Bearer ${f.server.token}` }, body: '{}' })).json();
    expect(json).toMatchObject({ ok: true });
    expect(f.uncaught).toEqual([]);
  });
});
