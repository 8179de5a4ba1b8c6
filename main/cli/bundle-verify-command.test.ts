import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBundle } from '../core/bundles/bundle-create';
import { formatPublicKey, generateKey } from '../core/bundles/minisign-keys';
import { main } from './main';

/** `labdeck bundle verify` on a bundle of files (no engine needed): what it prints and its exit codes. */
describe('labdeck bundle verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'labdeck-bundle-verify-'));
  const key = generateKey();
  const pub = join(dir, 'k.pub');
  const file = join(dir, 'x.bundle');
  let out = '';
  let err = '';
  beforeAll(async () => {
    vi.stubEnv('LABDECK_HOME', join(dir, 'home'));
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
    writeFileSync(pub, formatPublicKey(key));
    const files = [{ entry: 'labs/x/compose.yaml', data: Buffer.from('services:\n  a:\n    image: redis:7.2\n') }];
    await createBundle({ docker: {} as Docker, selection: { labs: ['x'], scenarios: [], dashboards: [], images: [], files }, out: file, version: 't', now: new Date(), sign: key });
  });
  afterAll(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });
  const run = async (...args: string[]): Promise<number> => {
    out = '';
    err = '';
    return main(['bundle', 'verify', ...args]);
  };

  it('prints the signer and contents of a good bundle and exits 0', async () => {
    expect(await run(file, '--pub', pub)).toBe(0);
    expect(out).toMatch(/signature: good, key [0-9A-F]{16}/);
    expect(out).toContain('labs: x');
    expect(out).toContain('verified');
  });

  it('exits 2 without the key, and 2 naming the entry when a byte was altered', async () => {
    expect(await run(file)).toBe(2);
    expect(err).toMatch(/BUNDLE_SIGNATURE: .*not trusted here/);
    const bytes = readFileSync(file);
    bytes[bytes.indexOf('image: redis')] ^= 0x20;
    writeFileSync(join(dir, 'bad.bundle'), bytes);
    expect(await run(join(dir, 'bad.bundle'), '--pub', pub)).toBe(2);
    expect(err).toMatch(/BUNDLE_INVALID: labs\/x\/compose\.yaml: its sha256 does not match/);
  });
});
