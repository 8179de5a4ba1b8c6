/** Paths and timings shared by the lab-up bench. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in bench/lab-up/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const LABDECK = join(ROOT, 'bin', 'labdeck.mjs');
export const HEALTH_TIMEOUT_MS = 180_000;
/** How often the bench itself polls the floor's and docker-compose's containers (Labdeck polls every 250 ms). */
export const POLL_MS = 100;
