import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatPublicKey, formatSecretKey, generateKey, keyIdText, parsePublicKey, parseSecretKey } from './minisign-keys';
import { parseMinisign, signMinisign, verifyMinisign } from './minisign-signature';

const hasMinisign = (() => {
  try {
    execFileSync('minisign', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasMinisign && process.env.LABDECK_REQUIRE_TOOLS === '1') throw new Error('minisign is required here (LABDECK_REQUIRE_TOOLS=1): apt-get install minisign');
if (!hasMinisign) process.stderr.write('minisign.test: no `minisign` binary; the cross-checks with it are skipped\n');

const dir = mkdtempSync(join(tmpdir(), 'labdeck-minisign-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('minisign format', () => {
  const message = Buffer.from('{"format":1,"files":[]}\n');

  it('signs and verifies its own keys, and refuses an altered message, signature, comment or key', () => {
    const key = generateKey();
    const pub = parsePublicKey(formatPublicKey(key));
    const sk = parseSecretKey(formatSecretKey(key));
    expect(keyIdText(sk.keyId)).toBe(keyIdText(key.keyId));
    const sig = signMinisign(message, sk, 'file:bundle.json');
    expect(verifyMinisign(message, parseMinisign(sig), [pub]).trustedComment).toBe('file:bundle.json');
    const altered = Buffer.from(message);
    altered[3] ^= 1;
    expect(() => verifyMinisign(altered, parseMinisign(sig), [pub])).toThrow(/signature does not match/);
    const comment = sig.replace('file:bundle.json', 'file:other.json');
    expect(() => verifyMinisign(message, parseMinisign(comment), [pub])).toThrow(/trusted comment was altered/);
    expect(() => verifyMinisign(message, parseMinisign(sig), [parsePublicKey(formatPublicKey(generateKey()))])).toThrow(/not trusted here/);
    expect(() => parseMinisign('hello\n')).toThrow(expect.objectContaining({ code: 'BUNDLE_SIGNATURE' }));
  });

  it('refuses a damaged secret key and a password-protected one', () => {
    const raw = Buffer.from(formatSecretKey(generateKey()).split('\n')[1], 'base64');
    raw[70] ^= 1;
    expect(() => parseSecretKey(`untrusted comment: x\n${raw.toString('base64')}\n`)).toThrow(/checksum/);
    raw[2] = 'S'.charCodeAt(0);
    raw[3] = 'c'.charCodeAt(0);
    expect(() => parseSecretKey(`untrusted comment: x\n${raw.toString('base64')}\n`)).toThrow(expect.objectContaining({ code: 'KEY_INVALID' }));
    expect(() => parsePublicKey('not a key')).toThrow(expect.objectContaining({ code: 'KEY_INVALID' }));
  });

  it.skipIf(!hasMinisign)('keys made by minisign: labdeck verifies minisign -S, and signs with minisign -W keys', () => {
    const pk = join(dir, 'm.pub');
    const sk = join(dir, 'm.key');
    const file = join(dir, 'bundle.json');
    execFileSync('minisign', ['-G', '-W', '-f', '-p', pk, '-s', sk], { stdio: 'ignore' });
    writeFileSync(file, message);
    execFileSync('minisign', ['-S', '-s', sk, '-m', file, '-t', 'made by minisign'], { stdio: 'ignore' });
    const pub = parsePublicKey(readFileSync(pk, 'utf8'));
    const sig = parseMinisign(readFileSync(`${file}.minisig`, 'utf8'));
    expect(sig.algorithm).toBe('ED');
    expect(verifyMinisign(message, sig, [pub]).trustedComment).toBe('made by minisign');
    // and labdeck signing with minisign's secret key passes minisign -V
    writeFileSync(`${file}.minisig`, signMinisign(message, parseSecretKey(readFileSync(sk, 'utf8')), 'signed by labdeck'));
    expect(execFileSync('minisign', ['-V', '-p', pk, '-m', file], { encoding: 'utf8' })).toContain('signed by labdeck');
  });

  it.skipIf(!hasMinisign)('keys made by labdeck: minisign -V accepts its signatures, minisign -S signs with its secret key', () => {
    const key = generateKey();
    const pk = join(dir, 'l.pub');
    const sk = join(dir, 'l.key');
    const file = join(dir, 'l.json');
    writeFileSync(pk, formatPublicKey(key));
    writeFileSync(sk, formatSecretKey(key));
    writeFileSync(file, message);
    writeFileSync(`${file}.minisig`, signMinisign(message, key, 'timestamp:1 file:l.json'));
    expect(execFileSync('minisign', ['-V', '-p', pk, '-m', file], { encoding: 'utf8' })).toContain('timestamp:1 file:l.json');
    writeFileSync(file, Buffer.concat([message, Buffer.from(' ')]));
    expect(() => execFileSync('minisign', ['-V', '-p', pk, '-m', file], { stdio: 'pipe' })).toThrow();
    writeFileSync(file, message);
    execFileSync('minisign', ['-S', '-s', sk, '-m', file, '-t', 'by minisign with a labdeck key'], { stdio: 'ignore' });
    expect(verifyMinisign(message, parseMinisign(readFileSync(`${file}.minisig`, 'utf8')), [parsePublicKey(readFileSync(pk, 'utf8'))]).trustedComment).toBe('by minisign with a labdeck key');
  });
});
