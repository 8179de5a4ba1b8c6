import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../core/app-core';
import { dockerodeConnector } from '../core/engine/engine-client';
import { openStore } from '../core/store/database';
import { systemClock } from '../core/system/clock';
import { execFileRunner } from '../core/system/process-runner';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RESOURCES = join(REPO_ROOT, 'resources');

/** A real core on the real engine with a throw-away data folder; `cleanup` closes and deletes it. */
export function testCore(
  endpoint = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock',
  opts: { receiveAlerts?: boolean } = {},
): { core: Core; home: string; cleanup: () => Promise<void> } {
  const home = mkdtempSync(join(tmpdir(), 'labdeck-core-'));
  const core = createCore({
    version: '0.0.0-test',
    dataDir: home,
    resourcesDir: RESOURCES,
    store: openStore(home),
    connect: dockerodeConnector(),
    discover: async () => [{ source: 'DOCKER_HOST', endpoint }],
    run: execFileRunner,
    clock: systemClock,
    platform: process.platform,
    receiveAlerts: opts.receiveAlerts,
  });
  return {
    core,
    home,
    cleanup: async () => {
      await core.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** A lab name unique to this test process, so parallel or leftover runs never collide. */
export const uniqueLab = (tag: string): string => `t${process.pid}-${tag}`.slice(0, 40);
