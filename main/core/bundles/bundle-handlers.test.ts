import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { methods } from '../../api/contract';
import { mayCall } from '../../api/permissions';
import { testCore } from '../../testing/test-core';
import { createBundle } from './bundle-create';
import { formatPublicKey, generateKey, keyIdText } from './minisign-keys';

describe('bundle API methods', () => {
  const t = testCore('unix:///no-engine-here.sock');
  afterAll(() => t.cleanup());
  const h = t.core.handlers;

  it('are the owner’s only: a trainee or an observer may not name files on the host or change its engine', () => {
    for (const m of ['bundles.keys', 'bundles.trustKey', 'bundles.untrustKey', 'bundles.readiness', 'bundles.verify', 'bundles.import', 'bundles.create'] as const) {
      expect(mayCall('owner', m)).toBe(true);
      expect(mayCall('trainee', m)).toBe(false);
      expect(mayCall('observer', m)).toBe(false);
    }
  });

  it('parse their payloads: a path that is not a string, an unknown field, a split under 1 MiB are refused', () => {
    expect(methods['bundles.import'].input.safeParse({ file: 3 }).success).toBe(false);
    expect(methods['bundles.import'].input.safeParse({ file: 'a', extra: 1 }).success).toBe(false);
    expect(methods['bundles.create'].input.safeParse({ names: [], out: 'x', split: 1000 }).success).toBe(false);
    expect(methods['bundles.create'].input.safeParse({ names: ['../etc'], out: 'x' }).success).toBe(false);
  });

  it('keep trusted keys in the settings store, and the trusted key verifies a bundle signed with it', async () => {
    const key = generateKey();
    await expect(h['bundles.trustKey']({ key: 'not a key' })).rejects.toMatchObject({ code: 'KEY_INVALID' });
    const added = await h['bundles.trustKey']({ key: formatPublicKey(key) });
    expect(added.id).toBe(keyIdText(key.keyId));
    expect((await h['bundles.keys']({})).map((k) => k.id)).toEqual([added.id]);
    const out = join(t.home, 'x.bundle');
    await createBundle({ docker: {} as Docker, selection: { labs: ['x'], scenarios: [], dashboards: [], images: [], files: [{ entry: 'labs/x/compose.yaml', data: Buffer.from('services: {}\n') }] }, out, version: 't', now: new Date(), sign: key });
    const summary = await h['bundles.verify']({ file: out });
    expect(summary).toMatchObject({ signed: true, keyId: added.id, labs: ['x'], entries: 1, parts: 1 });
    expect(await h['bundles.untrustKey']({ id: added.id })).toEqual({ removed: true });
    await expect(h['bundles.verify']({ file: out })).rejects.toMatchObject({ code: 'BUNDLE_SIGNATURE' });
  });
});
