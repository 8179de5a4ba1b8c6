import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { aggregateChecksum, MANIFEST_NAME, SIGNATURE_NAME, type BundleEntry, type BundleManifest } from './bundle-manifest';
import { createBundle } from './bundle-create';
import { readBundle, type TrustPolicy } from './bundle-reader';
import { generateKey } from './minisign-keys';
import { signMinisign } from './minisign-signature';
import { tarHeader } from './tar-writer';

const dir = mkdtempSync(join(tmpdir(), 'labdeck-bundle-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const key = generateKey();
const trusting: TrustPolicy = { keys: [key], keyGiven: true, allowUnsigned: false };
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const pad = (b: Buffer): Buffer => Buffer.concat([b, Buffer.alloc((512 - (b.length % 512)) % 512)]);
const IMAGE = `images/${'a'.repeat(64)}.tar`;

interface RawEntry {
  name: string;
  data: Buffer;
  /** tar typeflag: '0' file, '1' hard link, '2' symlink, '3' char device */
  type?: string;
  /** the size written in the header, when it should lie */
  headerSize?: number;
}

function header(e: RawEntry): Buffer {
  const h = tarHeader(e.name.length > 100 ? e.name.slice(0, 100) : e.name, e.headerSize ?? e.data.length, 0);
  if (e.type) {
    h.write(e.type, 156, 1, 'latin1');
    h.write('        ', 148, 8, 'latin1');
    let sum = 0;
    for (const b of h) sum += b;
    h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'latin1');
  }
  return h;
}

/** A bundle written by hand: a signed manifest listing `listed`, then the raw entries as given. */
function craft(name: string, raw: RawEntry[], listed: BundleEntry[] = raw.map((r) => ({ path: r.name, size: r.data.length, sha256: sha(r.data) })), opts: { sign?: boolean } = {}): string {
  const m: BundleManifest = {
    format: 1,
    labdeckVersion: 'test',
    created: new Date(0).toISOString(),
    contents: { labs: ['x'], scenarios: [], dashboards: [] },
    images: listed.some((l) => l.path === IMAGE) ? [{ id: `sha256:${'a'.repeat(64)}`, repoTags: ['bdl-test/none:1'], size: 1, entry: IMAGE }] : [],
    entries: listed,
    aggregate: aggregateChecksum(listed),
  };
  const manifest = Buffer.from(JSON.stringify(m));
  const parts = [header({ name: MANIFEST_NAME, data: manifest }), pad(manifest)];
  if (opts.sign !== false) {
    const sig = Buffer.from(signMinisign(manifest, key, 'test'));
    parts.push(header({ name: SIGNATURE_NAME, data: sig }), pad(sig));
  }
  for (const r of raw) parts.push(header(r), pad(r.data));
  parts.push(Buffer.alloc(1024));
  const file = join(dir, name);
  writeFileSync(file, Buffer.concat(parts));
  return file;
}

const refused = async (file: string, entry: string, why: RegExp, policy = trusting): Promise<void> => {
  await expect(readBundle(file, policy)).rejects.toMatchObject({ code: 'BUNDLE_INVALID', path: entry, message: expect.stringMatching(why) });
};

const good: RawEntry = { name: 'labs/x/compose.yaml', data: Buffer.from('services: {}\n') };

describe('a hostile bundle is refused, naming the entry', () => {
  it('reads a well-formed crafted bundle (so the refusals below are about the one change each makes)', async () => {
    const r = await readBundle(craft('good', [good]), trusting);
    expect(r.manifest.entries).toHaveLength(1);
  });
  const onlyGood = [{ path: good.name, size: good.data.length, sha256: sha(good.data) }];
  it('an entry with ..', () => refused(craft('dotdot', [good, { name: 'labs/x/../../../etc/cron.d/x', data: Buffer.from('x') }], onlyGood), 'labs/x/../../../etc/cron.d/x', /"\.\."/));
  it('an absolute path', () => refused(craft('abs', [{ name: '/etc/passwd', data: Buffer.from('x') }], onlyGood), '/etc/passwd', /absolute/));
  it('a manifest listing such a path', () => refused(craft('listed-dotdot', [{ name: 'labs/../x', data: Buffer.from('x') }]), MANIFEST_NAME, /entries\.0\.path/));
  it('a symlink', () => refused(craft('symlink', [{ name: 'labs/x/link', data: Buffer.alloc(0), type: '2' }]), 'labs/x/link', /symbolic link/));
  it('a hard link', () => refused(craft('hardlink', [{ name: 'labs/x/hard', data: Buffer.alloc(0), type: '1' }]), 'labs/x/hard', /hard link/));
  it('a device', () => refused(craft('device', [{ name: 'labs/x/dev', data: Buffer.alloc(0), type: '3' }]), 'labs/x/dev', /device/));
  it('a duplicate name', () => refused(craft('dup', [good, good], [{ path: good.name, size: good.data.length, sha256: sha(good.data) }]), good.name, /twice/));
  it('a size disagreeing with the manifest', () =>
    refused(craft('size', [{ ...good, data: Buffer.from('services: {}\n\n') }], [{ path: good.name, size: good.data.length, sha256: sha(good.data) }]), good.name, /bytes in the tar/));
  it('a file not listed in the manifest', () => refused(craft('unlisted', [good, { name: 'labs/x/extra.sh', data: Buffer.from('rm -rf /') }], [{ path: good.name, size: good.data.length, sha256: sha(good.data) }]), 'labs/x/extra.sh', /not listed/));
  it('an altered byte in an image archive', async () => {
    const archive = randomBytes(4096);
    const altered = Buffer.from(archive);
    altered[2000] ^= 0xff;
    await refused(craft('altered', [{ name: IMAGE, data: altered }], [{ path: IMAGE, size: archive.length, sha256: sha(archive) }]), IMAGE, /sha256 does not match/);
  });
  it('a manifest over a sane size, before reading it', async () => {
    const file = join(dir, 'huge');
    writeFileSync(file, Buffer.concat([tarHeader(MANIFEST_NAME, 64 * 1024 * 1024, 0), Buffer.alloc(1024)]));
    await refused(file, MANIFEST_NAME, /over the \d+-byte limit/);
  });
  it('a truncated bundle', async () => {
    const archive = randomBytes(8192);
    const full = readFileSync(craft('whole', [{ name: IMAGE, data: archive }]));
    const file = join(dir, 'truncated');
    writeFileSync(file, full.subarray(0, full.length - 6000));
    await expect(readBundle(file, trusting)).rejects.toMatchObject({ code: 'BUNDLE_INVALID', path: IMAGE });
  });
});

describe('signatures', () => {
  const unsigned = (): string => craft('unsigned', [good], undefined, { sign: false });
  it('an unsigned bundle needs --allow-unsigned, and is fatal when a key was given', async () => {
    await expect(readBundle(unsigned(), { keys: [], keyGiven: false, allowUnsigned: false })).rejects.toMatchObject({ code: 'BUNDLE_SIGNATURE', message: /not signed/ });
    await expect(readBundle(unsigned(), { keys: [key], keyGiven: true, allowUnsigned: true })).rejects.toMatchObject({ code: 'BUNDLE_SIGNATURE', message: /a public key was given/ });
    expect((await readBundle(unsigned(), { keys: [key], keyGiven: false, allowUnsigned: true })).signature.signed).toBe(false);
  });
  it('a wrong key, or no key, is refused; an altered manifest never passes', async () => {
    const file = craft('signed', [good]);
    await expect(readBundle(file, { keys: [generateKey()], keyGiven: true, allowUnsigned: true })).rejects.toMatchObject({ code: 'BUNDLE_SIGNATURE', message: /not trusted/ });
    await expect(readBundle(file, { keys: [], keyGiven: false, allowUnsigned: true })).rejects.toMatchObject({ code: 'BUNDLE_SIGNATURE' });
    const bytes = readFileSync(file);
    const at = bytes.indexOf('"labdeckVersion":"test"') + '"labdeckVersion":"t'.length;
    bytes[at] = 'T'.charCodeAt(0);
    writeFileSync(file, bytes);
    await expect(readBundle(file, { ...trusting, allowUnsigned: true })).rejects.toMatchObject({ code: 'BUNDLE_SIGNATURE', message: /does not match/ });
  });
});

describe('create, and split parts', () => {
  const selection = (files: { entry: string; data: Buffer }[]) => ({ labs: ['x'], scenarios: [], dashboards: [], images: [], files });
  const big = [good, { name: 'labs/x/big.bin', data: randomBytes(3 * 1024 * 1024 + 77) }].map((f) => ({ entry: f.name, data: f.data }));
  const make = (out: string, split?: number) => createBundle({ docker: {} as Docker, selection: selection(big), out: join(dir, out), version: 't', now: new Date(), sign: key, split });

  it('writes a bundle that verifies, its manifest padded in place', async () => {
    const r = await make('made.bundle');
    expect(r.files).toEqual([join(dir, 'made.bundle')]);
    expect((await readBundle(r.files[0], trusting)).manifest.entries.map((e) => e.path)).toEqual(['labs/x/compose.yaml', 'labs/x/big.bin']);
  });

  it('splits into parts; import takes the first and finds the rest; a missing or altered part is refused', async () => {
    const r = await make('split.bundle', 1024 * 1024);
    expect(r.files).toHaveLength(4);
    expect(r.manifest.parts).toEqual({ count: 4, size: 1024 * 1024 });
    expect((await readBundle(r.files[0], trusting)).manifest.parts?.count).toBe(4);
    const part3 = readFileSync(r.files[2]);
    const altered = Buffer.from(part3);
    altered[5000] ^= 1;
    writeFileSync(r.files[2], altered);
    await refused(r.files[0], 'labs/x/big.bin', /sha256 does not match/);
    writeFileSync(r.files[2], part3.subarray(0, 1000));
    await refused(r.files[0], r.files[2], /truncated or altered part/);
    unlinkSync(r.files[2]);
    await refused(r.files[0], join(dir, 'split.bundle.part3'), /part 3 of 4 is missing/);
  });
});
