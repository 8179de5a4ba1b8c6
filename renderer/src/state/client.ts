import type { Client } from '../../../main/api/client';
import { connectClient } from '../transport/connect';
import { useConnectionStore } from './connection-store';

let client: Client | null = null;

/** The one client of this window, made on first use. */
export function api(): Client {
  client ??= connectClient((up) => useConnectionStore.getState().setConnected(up));
  return client;
}

/** Replaces the client (tests render pages against a client of their own). */
export function setClient(c: Client): void {
  client = c;
}
