import { z } from 'zod';

/**
 * How the browser console proves who it is, without cookies (a cookie for 127.0.0.1 is sent to
 * every port there, lab services included): the page trades the one-time code of its link for a
 * session token at `SESSION_PATH`, keeps it in sessionStorage (one origin, one tab), and sends
 * it as `Authorization: Bearer` on HTTP and as a WebSocket subprotocol on sockets (browsers cannot
 * set headers there, and a query string would land in logs and history).
 */
export const SESSION_PATH = '/auth/session';
export const CODE_PARAM = 'code';
/** The subprotocol the server answers with; the token rides in a second one, `labdeck.auth.<token>`. */
export const WS_PROTOCOL = 'labdeck';
export const WS_AUTH_PREFIX = 'labdeck.auth.';
export const SESSION_STORAGE_KEY = 'labdeck.session';

export const SessionRequest = z.object({ code: z.string().min(1).max(512) }).strict();
export const SessionGrant = z.object({ token: z.string(), role: z.enum(['owner', 'observer', 'trainee']) });
export type SessionGrant = z.infer<typeof SessionGrant>;

/** The subprotocols a browser offers to carry its session token. */
export const wsProtocols = (token: string): string[] => [WS_PROTOCOL, `${WS_AUTH_PREFIX}${token}`];
