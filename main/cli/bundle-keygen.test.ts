import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parsePublicKey, parseSecretKey, keyIdText } from '../core/bundles/minisign-keys';
import { main } from './main';

describe('labdeck bundle keygen', () => {
  const dir = mkdtempSync(join(tmpdir(), 'labdeck-keygen-'));
  let out = '';
  let err = '';
  beforeAll(() => {
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  });
  afterAll(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a matching key pair, the secret key readable by its owner only, and never overwrites one', async () => {
    const sk = join(dir, 'trainer.key');
    const pk = join(dir, 'trainer.pub');
    expect(await main(['bundle', 'keygen', '-s', sk, '-p', pk])).toBe(0);
    const secret = parseSecretKey(readFileSync(sk, 'utf8'));
    expect(keyIdText(parsePublicKey(readFileSync(pk, 'utf8')).keyId)).toBe(keyIdText(secret.keyId));
    expect(out).toContain(keyIdText(secret.keyId));
    expect(statSync(sk).mode & 0o077).toBe(0);
    const before = readFileSync(sk, 'utf8');
    expect(await main(['bundle', 'keygen', '-s', sk, '-p', pk])).toBe(2);
    expect(err).toMatch(/trainer\.key exists/);
    expect(readFileSync(sk, 'utf8')).toBe(before);
  });
});
