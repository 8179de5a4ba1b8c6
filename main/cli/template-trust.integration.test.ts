import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LabdeckError } from '../api/errors';
import type { PlanSummary } from '../api/schemas/labs';
import { createHostCore } from '../core/host-core';
import { hasDocker } from '../testing/requirements';
import { docker, labResources } from '../testing/docker-cli';
import { REPO_ROOT, RESOURCES, uniqueLab } from '../testing/test-core';

const ready = await hasDocker();
const EVIL = join(REPO_ROOT, 'main/core/labs/fixtures/evil/compose.yaml');
const NOTHING = { containers: [], networks: [], volumes: [] };
// Each CLI call starts tsx; on a loaded 2-core machine that is seconds each.
const SLOW = 240_000;

describe.skipIf(!ready)('templates are untrusted until the user trusts them (CLI and core, real Docker)', () => {
  const root = mkdtempSync(join(tmpdir(), 'labdeck-trust-'));
  const home = join(root, 'home');
  const core = () => createHostCore({ dataDir: home, resourcesDir: RESOURCES });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const labdeck = (...args: string[]) =>
    spawnSync(process.execPath, ['bin/labdeck.mjs', ...args], { cwd: REPO_ROOT, env: { ...process.env, LABDECK_HOME: home, GITHUB_TOKEN: 'ghp_secret' }, encoding: 'utf8' });
  const codeOf = (p: Promise<unknown>) => p.then(() => 'started', (e: LabdeckError) => `${e.code}: ${e.message}`);

  // The evil fixture without its replica bomb, so the mounts are what `up` stops at.
  const evilDir = join(root, 'evil');
  mkdirSync(evilDir);
  writeFileSync(join(evilDir, 'compose.yaml'), readFileSync(EVIL, 'utf8').replace('replicas: 100000', 'replicas: 1'));

  // A benign risky template: a read-only bind of a temp folder, nothing else needing trust.
  const siteDir = join(root, 'site');
  const benign = join(root, 'benign');
  mkdirSync(siteDir);
  mkdirSync(benign);
  writeFileSync(join(siteDir, 'index.txt'), 'hello\n');
  writeFileSync(
    join(benign, 'compose.yaml'),
    `services:\n  cache:\n    image: redis:7.2\n    mem_limit: 64m\n    cpus: 0.5\n    volumes: ["${siteDir}:/site:ro"]\n    healthcheck: { test: ["CMD", "redis-cli", "ping"], interval: 1s, retries: 30 }\n`,
  );

  it('plan --json and plan text list every risk of the evil template and refuse its replicas', () => {
    const r = labdeck('plan', EVIL, '--json');
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/TEMPLATE_INVALID: refused: swarm asks for 100000 replicas; the limit is 20/);
    const plan = JSON.parse(r.stdout) as PlanSummary;
    expect(plan.trust).toBe('needed');
    expect(plan.containers.filter((c) => c.service === 'swarm')).toEqual([]);
    const seen = plan.risks.map((x) => `${x.service} ${x.kind} ${x.level} ${x.setting}`);
    for (const want of [
      /^takeover engine-access refused volumes: \/:\/host$/,
      /^takeover host-path refused volumes: .*\/\.ssh:\/keys:ro$/,
      /^takeover engine-access refused volumes: \/var\/run\/docker\.sock:/,
      /^takeover capability trust cap_add: ALL$/,
      /^takeover security-opt trust security_opt: seccomp=unconfined$/,
      /^takeover root-user trust user: 0:0$/,
      /^takeover host-env trust environment: GITHUB_TOKEN$/,
      /^swarm replicas refused deploy.replicas: 100000$/,
    ]) expect(seen.some((s) => want.test(s)), `${want} in\n${seen.join('\n')}`).toBe(true);

    const text = labdeck('plan', EVIL);
    expect(text.status).toBe(2);
    for (const line of ['REFUSED  volumes: /:/host', 'TRUST    cap_add: ALL', 'TRUST    security_opt: seccomp=unconfined', 'TRUST    user: 0:0', 'TRUST    environment: GITHUB_TOKEN', 'REFUSED  deploy.replicas: 100000', '.ssh:/keys:ro']) {
      expect(text.stdout).toContain(line);
    }
    expect(text.stdout).toMatch(/risks \(up refuses these until you trust the file/);
  }, SLOW);

  it('up refuses the evil template, with or without --trust, and creates nothing', async () => {
    const lab = uniqueLab('evil');
    const plain = labdeck('up', evilDir, '--name', lab);
    expect(plain.status).toBe(2);
    expect(plain.stderr).toMatch(/ENGINE_ACCESS_REFUSED/);
    const trusted = labdeck('up', evilDir, '--name', lab, '--trust');
    expect(trusted.status).toBe(2);
    expect(trusted.stderr).toMatch(/ENGINE_ACCESS_REFUSED: .*refused even when trusted/);
    expect(trusted.stderr).toContain('volumes: /:/host');
    expect(trusted.stderr).toContain('volumes: /var/run/docker.sock:/var/run/docker.sock');
    expect(trusted.stderr).toContain('--allow-engine-access /var/run/docker.sock');

    const c = core();
    try {
      expect(await codeOf(c.labs.up(EVIL, lab, { trust: true }))).toMatch(/^TEMPLATE_INVALID: .*too many containers/);
      // Naming `/` alone still leaves the socket (and ~/.ssh) refused.
      const one = await codeOf(c.labs.up(evilDir, lab, { trust: true, allowEngineAccess: ['/'] }));
      expect(one).toMatch(/^ENGINE_ACCESS_REFUSED/);
      expect(one).not.toContain('volumes: /:/host');
      expect(one).toContain('docker.sock');
      // Without the mounts, the rest of the evil template is still not trusted.
      const mountless = join(root, 'mountless');
      mkdirSync(mountless);
      writeFileSync(join(mountless, 'compose.yaml'), readFileSync(join(evilDir, 'compose.yaml'), 'utf8').replace(/ {4}volumes:\n( {6}- .*\n)+/, ''));
      expect(await codeOf(c.labs.up(mountless, lab))).toMatch(/^TEMPLATE_UNTRUSTED: [^]*cap_add: ALL[^]*seccomp=unconfined[^]*user: 0:0[^]*GITHUB_TOKEN/);
    } finally {
      await c.close();
    }
    expect(labResources(lab)).toEqual(NOTHING);
  }, SLOW);

  it('a benign risky template: refused until trusted, runs with --trust, remembered, asked again once edited', async () => {
    const lab = uniqueLab('benign');
    const c = core();
    try {
      const refused = labdeck('up', benign, '--name', lab);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/TEMPLATE_UNTRUSTED: .* is not trusted yet/);
      expect(refused.stderr).toContain(`cache: volumes: ${siteDir}:/site:ro (mounts the host folder ${siteDir}, read-only)`);
      expect(labResources(lab)).toEqual(NOTHING);

      const up = labdeck('up', benign, '--name', lab, '--trust', '--json');
      expect(up.status, up.stderr).toBe(0);
      expect(JSON.parse(up.stdout).state).toBe('healthy');
      const mounts = JSON.parse(docker('inspect', '--format', '{{json .Mounts}}', `${lab}-cache-1`)) as { Source: string; Destination: string; RW: boolean }[];
      expect(mounts).toContainEqual(expect.objectContaining({ Source: siteDir, Destination: '/site', RW: false }));
      await c.labs.down(lab);

      expect((await c.labs.plan(benign)).trust).toBe('trusted');
      const again = await c.jobs.wait((await c.labs.up(benign, lab)).jobId);
      expect(again.state, JSON.stringify(again.error)).toBe('succeeded');
      await c.labs.down(lab);

      appendFileSync(join(benign, 'compose.yaml'), '# edited\n');
      expect((await c.labs.plan(benign)).trust).toBe('needed');
      expect(await codeOf(c.labs.up(benign, lab))).toMatch(/^TEMPLATE_UNTRUSTED/);
      expect(labResources(lab)).toEqual(NOTHING);
    } finally {
      await c.labs.down(lab).catch(() => undefined);
      await c.close();
    }
  }, SLOW);
});
