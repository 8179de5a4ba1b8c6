import { request } from 'node:http';
import WebSocket from 'ws';
import { z } from 'zod';
import { LabdeckError } from '../../api/errors';
import { SESSION_PATH, SessionGrant } from '../../api/console-auth';
import { SeatView } from '../../api/schemas/classes';
import { SPOKE_MAX_FRAME_BYTES } from '../../api/spoke-wire';
import type { HubAddress } from './hub-address';
import { hubSocket } from './pinned-tls';

const MAX_ANSWER = 1024 * 1024;

/** One HTTP call to the hub over a checked connection; the answer's JSON, and its status. */
async function call(a: HubAddress, path: string, body: unknown, token?: string): Promise<{ status: number; json: unknown }> {
  const sock = await hubSocket(a);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: a.host,
        port: a.port,
        path,
        method: 'POST',
        createConnection: () => sock,
        headers: { 'content-type': 'application/json', host: `${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}`, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
          if (text.length > MAX_ANSWER) req.destroy(new Error('answer too large'));
        });
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as unknown });
          } catch {
            reject(new LabdeckError('HUB_UNREACHABLE', `the hub ${a.origin} answered ${res.statusCode} with no JSON: is it Labdeck?`));
          }
        });
      },
    );
    req.on('error', (err) => reject(new LabdeckError('HUB_UNREACHABLE', `the hub ${a.origin}: ${err.message}`)));
    req.end(JSON.stringify(body));
  });
}

const refused = (a: HubAddress): LabdeckError =>
  new LabdeckError('UNAUTHORIZED', `the hub ${a.origin} refused this seat's code: the seat was revoked, given a new link, or the class ended`, { hint: 'Ask the trainer for your seat’s current link.' });

/** Trades the seat's code for a session, as the browser's join page does. */
export async function seatSession(a: HubAddress): Promise<string> {
  const r = await call(a, SESSION_PATH, { code: a.code });
  if (r.status === 401) throw refused(a);
  const grant = z.object({ ok: z.literal(true), result: SessionGrant }).safeParse(r.json);
  if (!grant.success || grant.data.result.role !== 'trainee') throw new LabdeckError('HUB_UNREACHABLE', `the hub ${a.origin} did not answer with a seat session (HTTP ${r.status})`);
  return grant.data.result.token;
}

/** The seat's class as the hub tells it: its name, course and the trainer's messages. */
export async function seatView(a: HubAddress, token: string): Promise<SeatView> {
  const r = await call(a, '/api/classes.mine', {}, token);
  if (r.status === 401) throw refused(a);
  const v = z.object({ ok: z.literal(true), result: SeatView }).safeParse(r.json);
  if (!v.success) throw new LabdeckError('HUB_UNREACHABLE', `the hub ${a.origin} did not tell the seat's class (HTTP ${r.status})`);
  return v.data.result;
}

/** The spoke's socket to the hub, over a checked connection; the caller listens for 'open' and 'unexpected-response'. */
export async function spokeSocket(a: HubAddress, seat: string, token: string): Promise<WebSocket> {
  const sock = await hubSocket(a);
  const url = `${a.secure ? 'wss' : 'ws'}://${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}/api/spoke/${seat}`;
  return new WebSocket(url, { headers: { authorization: `Bearer ${token}` }, createConnection: () => sock, maxPayload: SPOKE_MAX_FRAME_BYTES, perMessageDeflate: false });
}
