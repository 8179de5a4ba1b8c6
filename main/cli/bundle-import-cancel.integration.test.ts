import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createBundle } from '../core/bundles/bundle-create';
import { useInProcessCli } from '../testing/in-process-cli';
import { hasDocker } from '../testing/requirements';

const ready = await hasDocker();

/** Ctrl-C during `labdeck bundle import`: it says so, exits 1, and nothing is installed. */
describe.skipIf(!ready)('labdeck bundle import, cancelled with Ctrl-C', () => {
  const cli = useInProcessCli('bundle', { DOCKER_HOST: process.env.DOCKER_HOST || 'unix:///var/run/docker.sock' });

  it('installs nothing and leaves no staging folder', async () => {
    const work = mkdtempSync(join(tmpdir(), 'labdeck-cancel-cli-'));
    onTestFinished(() => rmSync(work, { recursive: true, force: true }));
    const file = join(work, 'cancel.bundle');
    await createBundle({ docker: {} as Docker, selection: { labs: ['cancelled-lab'], scenarios: [], dashboards: [], images: [], files: [{ entry: 'labs/cancelled-lab/compose.yaml', data: Buffer.from('services: {}\n') }] }, out: file, version: 't', now: new Date() });
    const before = process.listenerCount('SIGINT');
    const running = cli.run('import', file, '--allow-unsigned');
    // Ctrl-C as soon as the command listens for it (the import has started, nothing is read yet)
    while (process.listenerCount('SIGINT') === before) await new Promise((r) => setTimeout(r, 2));
    process.emit('SIGINT');
    expect(await running).toBe(1);
    expect(cli.io.err).toContain('cancelling: nothing will be installed');
    expect(cli.io.err).toMatch(/CANCELLED|cancelled/);
    expect(existsSync(join(cli.home, 'labs', 'cancelled-lab'))).toBe(false);
    expect(readdirSync(cli.home).filter((n) => n.startsWith('.bundle-staging-'))).toEqual([]);
    expect(process.listenerCount('SIGINT')).toBe(before);
  }, 60_000);
});
