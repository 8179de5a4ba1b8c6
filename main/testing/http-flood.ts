import { connect } from 'node:net';

export const FLOOD_BYTES = 64 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x20);

/**
 * Posts a huge body the way a hostile client would: it keeps writing (respecting TCP pushback)
 * until the server answers and closes, or all FLOOD_BYTES are sent. `head` is the request line and
 * headers without the framing one. Returns the status, how much went out, and whether the server
 * ended the connection.
 */
export async function floodPost(port: number, head: string, opts: { declareLength: boolean }): Promise<{ status: number; sent: number; closedByServer: boolean }> {
  const sock = connect(port, '127.0.0.1');
  await new Promise((r) => sock.once('connect', r));
  let answer = '';
  let closed = false;
  sock.on('data', (d) => (answer += d.toString('latin1')));
  sock.on('error', () => undefined);
  const closing = new Promise<void>((r) => sock.once('close', () => ((closed = true), r())));
  const framing = opts.declareLength ? `content-length: ${FLOOD_BYTES}` : 'transfer-encoding: chunked';
  sock.write(`${head.trimEnd()}\r\n${framing}\r\n\r\n`);
  let sent = 0;
  while (sent < FLOOD_BYTES && !closed) {
    const piece = opts.declareLength ? CHUNK : Buffer.concat([Buffer.from(`${CHUNK.length.toString(16)}\r\n`), CHUNK, Buffer.from('\r\n')]);
    sent += CHUNK.length;
    if (!sock.write(piece)) await Promise.race([new Promise((r) => sock.once('drain', r)), closing]);
  }
  if (!opts.declareLength && !closed) sock.write('0\r\n\r\n');
  const closedByServer = await Promise.race([closing.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 3000))]);
  sock.destroy();
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), sent, closedByServer };
}
