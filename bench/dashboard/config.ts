/** Paths, names and defaults shared by the dashboard bench. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in bench/dashboard/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const LABDECK = join(ROOT, 'bin', 'labdeck.mjs');
/** The lab the live part starts; one name, so a leftover of a killed run is found and removed. */
export const LAB_NAME = 'bench-dash';
/** Chromium's flags, as the e2e tests launch it. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
/** The viewport of the live dashboard: a laptop screen. */
export const VIEWPORT = { width: 1440, height: 900 };
