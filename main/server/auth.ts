import type { IncomingMessage } from 'node:http';
import { WS_AUTH_PREFIX } from '../api/console-auth';

/**
 * The token a request presents: `Authorization: Bearer` (scripts, the console's fetches) or, on a
 * WebSocket upgrade from a browser, a `labdeck.auth.<token>` subprotocol. Never a cookie (sent to
 * every port of the host) and never the query string (kept in history and logs).
 */
export function presentedToken(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || null;
  const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const carried = offered.find((p) => p.startsWith(WS_AUTH_PREFIX));
  return carried ? carried.slice(WS_AUTH_PREFIX.length) || null : null;
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
export function originAllowed(req: IncomingMessage, allowed: Set<string> | null, scheme: 'http' | 'https' = 'http'): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const u = new URL(origin);
    const host = u.host.toLowerCase();
    return u.protocol === `${scheme}:` && (allowed === null ? host === req.headers.host?.toLowerCase() : allowed.has(host));
  } catch {
    return false;
  }
}
