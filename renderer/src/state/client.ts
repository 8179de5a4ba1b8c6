import type { Client } from '../../../main/api/client';

let client: Client | null = null;

/** The one client of this window; main.tsx makes it (transport/boot.ts) before the first render. */
export function api(): Client {
  if (!client) throw new Error('the API client is used before main.tsx made it');
  return client;
}

/** Sets the client (main.tsx at start; tests render pages against a client of their own). */
export function setClient(c: Client): void {
  client = c;
}
