import { LabdeckError } from '../../api/errors';
import { CODE_PARAM } from '../../api/console-auth';

/** The hub a join link names: its origin, the seat's code, and the HTTPS certificate's fingerprint to pin. */
export interface HubAddress {
  origin: string;
  secure: boolean;
  host: string;
  port: number;
  code: string;
  /** SHA-256, as `AA:BB:…` (upper case). */
  fingerprint?: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
export const FINGERPRINT_PARAM = 'fp';

/** `AA:BB:…`, from any case, with or without colons; null when it is not 32 bytes of hex. */
export function normalFingerprint(fp: string): string | null {
  const hex = fp.replace(/[:\s]/g, '').toUpperCase();
  return /^[0-9A-F]{64}$/.test(hex) ? hex.match(/../g)!.join(':') : null;
}

/**
 * Reads a seat's join link (`https://HOST:PORT/join?code=seat.…[&fp=…]`). Over HTTPS the
 * certificate's fingerprint is required (in the link or given): the hub's certificate is
 * self-signed, so the fingerprint is what tells the trainer's machine from another. Plain HTTP
 * only to a hub on this machine.
 */
export function parseJoinLink(link: string, fingerprint?: string): HubAddress {
  let u: URL;
  try {
    u = new URL(link);
  } catch {
    throw new LabdeckError('BAD_REQUEST', `not a join link: ${link.slice(0, 200)}`, { hint: 'Use the seat link the trainer handed out: https://HOST:PORT/join?code=seat.…' });
  }
  const code = u.searchParams.get(CODE_PARAM);
  if (!code || !/^seat\.[A-Za-z0-9_-]{32}$/.test(code)) throw new LabdeckError('BAD_REQUEST', 'the link has no seat code (code=seat.…)', { hint: 'Use the seat link the trainer handed out.' });
  const secure = u.protocol === 'https:';
  if (!secure && u.protocol !== 'http:') throw new LabdeckError('BAD_REQUEST', `a join link is https:// (or http:// on this machine), got ${u.protocol}`);
  if (!secure && !LOOPBACK.has(u.hostname)) throw new LabdeckError('BAD_REQUEST', `a hub on another machine is reached over HTTPS only, got ${u.origin}`, { hint: 'The trainer serves the class with `labdeck serve --class NAME --host ADDRESS` (HTTPS).' });
  const given = fingerprint ?? u.searchParams.get(FINGERPRINT_PARAM) ?? undefined;
  const fp = given === undefined ? undefined : normalFingerprint(given);
  if (given !== undefined && !fp) throw new LabdeckError('BAD_REQUEST', 'the fingerprint is not a SHA-256 (64 hex digits, colons allowed)');
  if (secure && !fp) throw new LabdeckError('BAD_REQUEST', 'an HTTPS hub needs its certificate fingerprint', { hint: 'Add --fingerprint AA:BB:… as `labdeck serve` printed it (or use the link with &fp=…).' });
  return { origin: u.origin, secure, host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || (secure ? 443 : 80)), code, ...(fp ? { fingerprint: fp } : {}) };
}
