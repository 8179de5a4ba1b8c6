import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * One-time codes for the owner's console link: `<nonce>.<mac>`, the mac an HMAC of the nonce
 * under the owner's secret. Anyone holding the secret (the server, a test launcher that chose
 * it) can mint one without a round trip; the server remembers spent nonces so each works once.
 */
const mac = (secret: string, nonce: string): string => createHmac('sha256', secret).update(`labdeck-code:${nonce}`).digest('base64url');

export function mintCode(secret: string, nonce: string = randomBytes(16).toString('base64url')): string {
  return `${nonce}.${mac(secret, nonce)}`;
}

/** The nonce of a genuine code, or null. */
export function codeNonce(secret: string, code: string): string | null {
  const dot = code.indexOf('.');
  if (dot < 1) return null;
  const nonce = code.slice(0, dot);
  const given = Buffer.from(code.slice(dot + 1));
  const want = Buffer.from(mac(secret, nonce));
  return given.length === want.length && timingSafeEqual(given, want) ? nonce : null;
}
