import fc from 'fast-check';
import { methodNames, eventNames } from '../api/contract';

/**
 * Hostile inputs for the console server's fuzz suite: what a link holder (or a page that found the
 * port) can send. Valid-looking shapes are mixed with garbage so the fuzz reaches past the first
 * schema check into handlers, and back out through every error path.
 */

/** Anything that is not a path the engine could act on: no payload may repoint the engine. */
const safe = (v: unknown): unknown => (JSON.stringify(v) ?? '').includes('engineEndpoint') ? {} : v;

export const methodName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...methodNames) },
  { weight: 1, arbitrary: fc.constantFrom('', '__proto__', 'constructor', 'toString', 'labs..up', '../settings.get', 'app.info%00', 'é.ü', 'a'.repeat(300)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

/** A params value: empty, a plausible object with hostile strings, or any JSON at all. */
export const params = fc
  .oneof(
    fc.constant({}),
    fc.dictionary(
      fc.constantFrom('labId', 'runId', 'sessionId', 'template', 'scenario', 'name', 'theme', 'cols', 'rows', 'streamId', 'jobId', 'path', 'query', 'service', 'text', 'target', 'role'),
      fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('../../etc/passwd', '/', '\u0000', 'dark', 'term-abc', '%2e%2e'), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 })),
    ),
    fc.jsonValue({ maxDepth: 4 }),
  )
  .map(safe);

/** A WebSocket frame, and how to send it. */
export type Frame =
  | { kind: 'text'; data: string }
  | { kind: 'binary'; data: Uint8Array }
  | { kind: 'badUtf8'; data: Uint8Array }
  | { kind: 'huge'; size: number; binary: boolean }
  | { kind: 'fragmented'; parts: string[] };

const callMessage = fc.record({
  type: fc.constantFrom('call', 'call', 'subscribe', 'unsubscribe', 'result', 'event', ''),
  id: fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.string({ maxLength: 5 }), fc.constant(null), fc.constant(Number.MAX_SAFE_INTEGER + 2)),
  method: methodName,
  params,
  events: fc.oneof(fc.array(fc.constantFrom(...eventNames, 'nope', ''), { maxLength: 60 }), fc.jsonValue({ maxDepth: 1 })),
});

/** A message a page could send on the API socket, as text. */
export const apiText = fc.oneof(
  { weight: 5, arbitrary: callMessage.map((m) => JSON.stringify(m)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200, unit: 'binary' }) },
  { weight: 1, arbitrary: callMessage.map((m) => JSON.stringify(m).slice(0, -3)) },
);

/** A control message a terminal page could send, as text: resize/ack with wild numbers, or junk. */
export const terminalText = fc.oneof(
  fc.record({ type: fc.constantFrom('resize', 'ack', 'exit', 'input', ''), cols: fc.oneof(fc.integer(), fc.double()), rows: fc.integer(), bytes: fc.oneof(fc.integer(), fc.double()) }).map((m) => JSON.stringify(m)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200, unit: 'binary' }),
);

const MIB = 1024 * 1024;

/** Frames for a socket whose text frames are `text`. Over-limit sizes are rare: each closes its socket. */
export const frame = (text: fc.Arbitrary<string>): fc.Arbitrary<Frame> =>
  fc.oneof(
    { weight: 8, arbitrary: text.map((data): Frame => ({ kind: 'text', data })) },
    { weight: 3, arbitrary: fc.uint8Array({ maxLength: 2048 }).map((data): Frame => ({ kind: 'binary', data })) },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((d): Frame => ({ kind: 'badUtf8', data: Uint8Array.from([...d, 0xc3, 0x28, 0xff]) })) },
    { weight: 1, arbitrary: fc.record({ size: fc.integer({ min: MIB - 64, max: 2 * MIB }), binary: fc.boolean() }).map((h): Frame => ({ kind: 'huge', ...h })) },
    { weight: 2, arbitrary: text.chain((t) => fc.integer({ min: 1, max: 5 }).map((n): Frame => ({ kind: 'fragmented', parts: split(t, n) }))) },
  );

function split(s: string, n: number): string[] {
  const size = Math.max(1, Math.ceil(s.length / n));
  const parts: string[] = [];
  for (let i = 0; i < s.length; i += size) parts.push(s.slice(i, i + size));
  return parts.length ? parts : [''];
}

/** An HTTP request: method, path (a contract method or a static path), body, and which credential. */
export const httpRequest = fc.record({
  verb: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'OPTIONS', 'HEAD'),
  path: fc.oneof(
    { weight: 6, arbitrary: methodName.map((m) => `/api/${encodeURIComponent(m)}`) },
    { weight: 1, arbitrary: fc.constantFrom('/', '/index.html', '/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/%zz', '/api/', '/api/%', '/assets/x.js', '/api/ws', '/api/term/term-abc') },
  ),
  body: fc.oneof(
    { weight: 4, arbitrary: params.map((p) => Buffer.from(JSON.stringify(p) ?? '')) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.from(b)) },
    { weight: 1, arbitrary: fc.integer({ min: MIB - 16, max: 3 * MIB }).map((n) => Buffer.alloc(n, 0x7b)) },
    { weight: 1, arbitrary: fc.constant(Buffer.alloc(0)) },
  ),
  credential: fc.constantFrom('full', 'full', 'observer', 'none', 'wrong'),
});
export type HttpRequest = typeof httpRequest extends fc.Arbitrary<infer T> ? T : never;
