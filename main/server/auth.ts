import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const newToken = (): string => randomBytes(32).toString('base64url');

/** Cookies are shared across ports on one host, so the cookie name carries the port. */
export const cookieName = (port: number): string => `labdeck_token_${port}`;

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}

export type TokenVia = 'query' | 'cookie' | 'bearer' | null;

/** Which of the console's tokens a request carried (the full one first), and where; null for none. */
export function accessOf(req: IncomingMessage, tokens: { full: string; observer?: string }, port: number): { via: Exclude<TokenVia, null>; role: 'full' | 'observer'; token: string } | null {
  const full = tokenVia(req, tokens.full, port);
  if (full) return { via: full, role: 'full', token: tokens.full };
  const observer = tokens.observer ? tokenVia(req, tokens.observer, port) : null;
  return observer ? { via: observer, role: 'observer', token: tokens.observer! } : null;
}

/** Where a request carried the right token: `?token=`, the console's cookie, or `Authorization: Bearer`. */
export function tokenVia(req: IncomingMessage, token: string, port: number): TokenVia {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const q = url.searchParams.get('token');
  if (q && same(q, token)) return 'query';
  const c = cookies(req).get(cookieName(port));
  if (c && same(c, token)) return 'cookie';
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ') && same(auth.slice(7).trim(), token)) return 'bearer';
  return null;
}

/** Host names a browser may use to reach this server (guards against DNS rebinding); null = any (wildcard bind). */
export function allowedHosts(boundHost: string, port: number): Set<string> | null {
  if (boundHost === '0.0.0.0' || boundHost === '::') return null;
  const names = new Set([boundHost, '127.0.0.1', 'localhost', '[::1]']);
  if (boundHost.includes(':') && !boundHost.startsWith('[')) names.add(`[${boundHost}]`);
  return new Set([...names].map((h) => `${h}:${port}`));
}

export function hostAllowed(req: IncomingMessage, allowed: Set<string> | null): boolean {
  const host = req.headers.host;
  return !!host && (allowed === null || allowed.has(host.toLowerCase()));
}

/** A request without Origin (curl, the CLI) passes; a browser's Origin must be this server. */
export function originAllowed(req: IncomingMessage, allowed: Set<string> | null): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const u = new URL(origin);
    const host = u.host.toLowerCase();
    return u.protocol === 'http:' && (allowed === null ? host === req.headers.host?.toLowerCase() : allowed.has(host));
  } catch {
    return false;
  }
}
