import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../core/app-core';
import { dockerodeConnector } from '../core/engine/engine-client';
import { openStore, type OpenedStore } from '../core/store/database';
import { systemClock } from '../core/system/clock';
import { execFileRunner } from '../core/system/process-runner';

export interface OfflineCore {
  /** The temp folder holding both; remove it when done. */
  dir: string;
  /** A static folder with one index.html, for a console server to serve. */
  staticDir: string;
  dataDir: string;
  store: OpenedStore;
  core: Core;
}

/** A real core on a temp SQLite file that discovers no engine: what console-server tests stand on. */
export function offlineCore(tag: string, indexHtml: string): OfflineCore {
  const dir = mkdtempSync(join(tmpdir(), `labdeck-${tag}-`));
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), indexHtml);
  const dataDir = join(dir, 'data');
  const store = openStore(dataDir);
  const core = createCore({
    version: '0.0.0-test',
    dataDir,
    resourcesDir: dataDir,
    store,
    connect: dockerodeConnector(),
    discover: async () => [],
    run: execFileRunner,
    clock: systemClock,
    platform: process.platform,
  });
  return { dir, staticDir, dataDir, store, core };
}
