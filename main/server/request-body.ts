import type { IncomingMessage, ServerResponse } from 'node:http';

/** The largest body `POST /api/<method>` reads, and the largest WebSocket frame either socket takes. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyRead = { ok: true; text: string } | { ok: false; tooLarge: true };

/**
 * Reads a request body up to `max` bytes. A declared Content-Length over the bound is refused
 * before a byte is read, and a body that grows past it stops being read at once: the request is
 * paused (TCP pushes back on the sender) instead of drained or buffered.
 */
export function readBody(req: IncomingMessage, max = MAX_BODY_BYTES): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > max) {
      req.pause();
      resolve({ ok: false, tooLarge: true });
      return;
    }
    let size = 0;
    const chunks: Buffer[] = [];
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size <= max) return void chunks.push(c);
      req.off('data', onData);
      req.pause();
      chunks.length = 0;
      resolve({ ok: false, tooLarge: true });
    };
    req.on('data', onData);
    req.on('end', () => resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', reject);
  });
}

/**
 * Answers 413 and drops the connection: the rest of the body is never read. The socket is ended
 * once the answer is out and destroyed soon after, so a sender that keeps writing cannot hold it.
 */
export function refuseTooLarge(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>, max = MAX_BODY_BYTES): void {
  const body = JSON.stringify({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: `request body over ${max} bytes`, hint: 'Send less: large inputs (bundles, files) go through their own methods.' } });
  res.shouldKeepAlive = false;
  res.writeHead(413, { ...headers, 'content-type': 'application/json', connection: 'close' });
  res.end(body, () => {
    req.socket.end();
    // A short grace lets the client read the 413 before the reset that unread input causes.
    setTimeout(() => req.socket.destroy(), 200).unref();
  });
}
