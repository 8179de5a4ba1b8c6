import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_UPLOAD_PATH } from '../../api/bundle-paths';
import { methods } from '../../api/contract';
import { mayCall } from '../../api/permissions';
import { call, codeOf, exchange, startTestConsole, type TestConsole } from '../../testing/console-test-kit';
import { createBundle } from './bundle-create';
import { formatPublicKey, generateKey, keyIdText, type SecretKey } from './minisign-keys';

let c: TestConsole;
let owner: string;
let observer: string;
let trainee: string;
beforeAll(async () => {
  c = await startTestConsole();
  owner = c.server.token;
  observer = (await exchange(c, codeOf(c.server.observerUrl))).body.result!.token;
  trainee = c.server.mintTrainee('seat1');
});
afterAll(() => c?.close());

async function bundleBytes(sign?: SecretKey): Promise<Buffer> {
  const out = join(c.dir, `x-${Math.random().toString(36).slice(2)}.bundle`);
  await createBundle({ docker: {} as Docker, selection: { labs: ['x'], scenarios: [], dashboards: [], images: [], files: [{ entry: 'labs/x/compose.yaml', data: Buffer.from('services: {}\n') }] }, out, version: 't', now: new Date(), sign });
  return readFileSync(out);
}

const upload = async (token: string | undefined, body: Buffer): Promise<{ status: number; ok: boolean; result?: { upload: string; bytes: number }; error?: { code: string } }> => {
  const res = await fetch(`${c.base}${BUNDLE_UPLOAD_PATH}`, { method: 'PUT', headers: token ? { authorization: `Bearer ${token}` } : {}, body: new Uint8Array(body) });
  return { status: res.status, ...((await res.json()) as { ok: boolean }) };
};

describe('bundle API methods', () => {
  it('are the owner’s only: a trainee or an observer may neither export nor import, nor see keys', () => {
    for (const m of Object.keys(methods).filter((n) => n.startsWith('bundles.')) as (keyof typeof methods)[]) {
      expect(mayCall('owner', m)).toBe(true);
      expect(mayCall('trainee', m)).toBe(false);
      expect(mayCall('observer', m)).toBe(false);
    }
  });

  it('parse their payloads: no host path is taken, an upload or export is named by id, an unknown field is refused', () => {
    expect(methods['bundles.import'].input.safeParse({ upload: '/etc/passwd' }).success).toBe(false);
    expect(methods['bundles.import'].input.safeParse({ file: '/tmp/x.bundle' }).success).toBe(false);
    expect(methods['bundles.create'].input.safeParse({ names: ['redis-streams'], out: '/tmp/x' }).success).toBe(false);
    expect(methods['bundles.create'].input.safeParse({ names: ['../etc'] }).success).toBe(false);
    expect(methods['bundles.download'].input.safeParse({ name: '../../labdeck.db' }).success).toBe(false);
    expect(methods['bundles.create'].input.safeParse({ names: ['redis-streams'], signWith: 'not-an-id' }).success).toBe(false);
  });

  it('keep trusted keys in the settings store; a new signing key is kept in the data folder and trusted here', async () => {
    const key = generateKey();
    expect(await call(c, owner, 'bundles.trustKey', { key: 'not a key' })).toMatchObject({ error: { code: 'KEY_INVALID' } });
    const added = (await call(c, owner, 'bundles.trustKey', { key: formatPublicKey(key) })).result as { id: string };
    expect(added.id).toBe(keyIdText(key.keyId));
    const made = (await call(c, owner, 'bundles.newSigningKey')).result as { id: string; publicKey: string };
    expect(made.publicKey).toContain('untrusted comment: minisign public key');
    expect(((await call(c, owner, 'bundles.signingKeys')).result as { id: string }[]).map((k) => k.id)).toEqual([made.id]);
    expect(((await call(c, owner, 'bundles.keys')).result as { id: string }[]).map((k) => k.id).sort()).toEqual([added.id, made.id].sort());
    expect(await call(c, owner, 'bundles.untrustKey', { id: made.id })).toMatchObject({ result: { removed: true } });
    for (const who of [observer, trainee]) expect(await call(c, who, 'bundles.keys')).toMatchObject({ status: 403 });
  });
});

describe('bundle upload and download over HTTP', () => {
  it('takes an upload from the owner only, and verifies it by id: signed by a trusted key, unsigned refused or allowed', async () => {
    const key = generateKey();
    await call(c, owner, 'bundles.trustKey', { key: formatPublicKey(key) });
    expect(await upload(undefined, Buffer.from('x'))).toMatchObject({ status: 401 });
    expect(await upload(observer, Buffer.from('x'))).toMatchObject({ status: 403, error: { code: 'READ_ONLY' } });
    expect(await upload(trainee, Buffer.from('x'))).toMatchObject({ status: 403, error: { code: 'FORBIDDEN' } });
    const signed = await upload(owner, await bundleBytes(key));
    expect(signed).toMatchObject({ status: 200, ok: true, result: { upload: expect.stringMatching(/^up-/) } });
    expect(await call(c, owner, 'bundles.verify', { upload: signed.result!.upload })).toMatchObject({ result: { signed: true, keyId: keyIdText(key.keyId), labs: ['x'] } });
    expect(await call(c, trainee, 'bundles.verify', { upload: signed.result!.upload })).toMatchObject({ status: 403 });
    const unsigned = (await upload(owner, await bundleBytes())).result!.upload;
    expect(await call(c, owner, 'bundles.verify', { upload: unsigned })).toMatchObject({ error: { code: 'BUNDLE_SIGNATURE' } });
    expect(await call(c, owner, 'bundles.verify', { upload: unsigned, allowUnsigned: true })).toMatchObject({ result: { signed: false } });
    expect(await call(c, owner, 'bundles.discardUpload', { upload: unsigned })).toMatchObject({ ok: true });
    expect(await call(c, owner, 'bundles.verify', { upload: unsigned, allowUnsigned: true })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('refuses an upload whose declared size is over the limit before reading it (413)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${c.base}${BUNDLE_UPLOAD_PATH}`, { method: 'PUT', headers: { authorization: `Bearer ${owner}`, 'content-length': String(2 ** 50) } }, (res) => resolve(res.statusCode!));
      req.on('error', reject);
      req.write('x');
    });
    expect(status).toBe(413);
  });

  it('serves an export once per download link; a link is made for the owner only', async () => {
    const ex = c.core.bundles.transfers.newExport();
    writeFileSync(ex.file, 'bundle bytes');
    expect(await call(c, owner, 'bundles.exports')).toMatchObject({ result: [{ name: ex.name, bytes: 12 }] });
    expect(await call(c, observer, 'bundles.download', { name: ex.name })).toMatchObject({ status: 403 });
    const { url } = (await call(c, owner, 'bundles.download', { name: ex.name })).result as { url: string };
    const first = await fetch(`${c.base}${url}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-disposition')).toBe(`attachment; filename="${ex.name}"`);
    expect(await first.text()).toBe('bundle bytes');
    expect((await fetch(`${c.base}${url}`)).status).toBe(404);
    expect((await fetch(`${c.base}/api/bundles/download/..%2F..%2Flabdeck.db`)).status).toBe(404);
    expect(await call(c, owner, 'bundles.removeExport', { name: ex.name })).toMatchObject({ ok: true });
    expect(await call(c, owner, 'bundles.exports')).toMatchObject({ result: [] });
  });
});
