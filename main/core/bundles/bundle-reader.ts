import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { extract as tarExtract, type Header } from 'tar-stream';
import { LabdeckError } from '../../api/errors';
import { aggregateChecksum, BundleManifest, MANIFEST_NAME, MAX_MANIFEST_BYTES, SIGNATURE_NAME, type BundleEntry } from './bundle-manifest';
import { checkParts, concatFiles, findBundleFiles } from './bundle-parts';
import type { PublicKey } from './minisign-keys';
import { keyIdText } from './minisign-keys';
import { parseMinisign, verifyMinisign } from './minisign-signature';

export interface TrustPolicy {
  /** Keys that may have signed it (Settings and --pub). */
  keys: PublicKey[];
  /** A key was given on the command line: an unsigned bundle is then fatal, --allow-unsigned or not. */
  keyGiven: boolean;
  allowUnsigned: boolean;
}

export interface SignatureResult {
  signed: boolean;
  keyId?: string;
  trustedComment?: string;
}

/** Where an entry's verified bytes go; `undefined` from onEntry reads and checks the entry without keeping it. */
export interface EntrySink {
  write(chunk: Buffer): Promise<void> | void;
  /** Called once the whole entry matched its checksum. */
  end(): Promise<void> | void;
  /** Called when the entry failed its check or the read failed. */
  abort(err: Error): Promise<void> | void;
}

export interface ReadHandlers {
  /** After the manifest and signature were verified, before any other entry is read. */
  onManifest?: (m: BundleManifest, sig: SignatureResult) => Promise<void> | void;
  onEntry?: (e: BundleEntry) => EntrySink | undefined;
  /** Stops the read (CANCELLED): the entry being read is aborted, nothing past it is read. */
  signal?: AbortSignal;
}

const cancelled = (): LabdeckError => new LabdeckError('CANCELLED', 'the bundle import was cancelled');

const refuse = (entry: string, why: string, hint?: string): LabdeckError => new LabdeckError('BUNDLE_INVALID', `${entry}: ${why}`, { path: entry, hint });

/** Why a raw tar entry name is refused before anything else is looked at (Zarf's list, and more). */
function unsafeName(name: string): string | undefined {
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'an absolute path';
  if (name.split('/').includes('..')) return 'a path with ".."';
  if (name.includes('\\')) return 'a backslash in the name';
  if (name.includes(':')) return 'a colon in the name';
  if ([...name].some((c) => c.charCodeAt(0) < 0x20)) return 'a control character in the name';
  return undefined;
}

function checkType(h: Header): void {
  const kind: Record<string, string> = { symlink: 'a symbolic link', link: 'a hard link', 'character-device': 'a device', 'block-device': 'a device', fifo: 'a FIFO', directory: 'a directory' };
  if (h.type !== 'file') throw refuse(h.name, `${kind[h.type ?? ''] ?? `an entry of type ${h.type}`}; a bundle holds plain files only`);
}

async function readAll(entry: AsyncIterable<Buffer>, limit: number, name: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of entry) {
    n += c.length;
    if (n > limit) throw refuse(name, `over ${limit} bytes`);
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}

function parseManifest(data: Buffer): BundleManifest {
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch (err) {
    throw refuse(MANIFEST_NAME, `not JSON (${(err as Error).message})`);
  }
  const parsed = BundleManifest.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw refuse(MANIFEST_NAME, `${i.path.join('.')}: ${i.message}`);
  }
  const m = parsed.data;
  if (aggregateChecksum(m.entries) !== m.aggregate) throw refuse(MANIFEST_NAME, 'the aggregate checksum does not match its entries');
  const paths = new Set(m.entries.map((e) => e.path));
  if (paths.size !== m.entries.length) throw refuse(MANIFEST_NAME, 'lists an entry twice');
  for (const img of m.images) if (!paths.has(img.entry)) throw refuse(MANIFEST_NAME, `image ${img.repoTags[0]}: its archive ${img.entry} is not listed`);
  return m;
}

function checkSignature(manifest: Buffer, sigText: Buffer | undefined, policy: TrustPolicy): SignatureResult {
  if (!sigText) {
    if (policy.keyGiven) throw new LabdeckError('BUNDLE_SIGNATURE', 'the bundle is not signed, but a public key was given: refusing it (it may have been stripped of its signature)', { path: SIGNATURE_NAME });
    if (!policy.allowUnsigned) throw new LabdeckError('BUNDLE_SIGNATURE', 'the bundle is not signed', { path: SIGNATURE_NAME, hint: 'Import it anyway with --allow-unsigned if you trust where it came from.' });
    return { signed: false };
  }
  const sig = parseMinisign(sigText.toString('utf8'), SIGNATURE_NAME);
  const { key, trustedComment } = verifyMinisign(manifest, sig, policy.keys, SIGNATURE_NAME);
  return { signed: true, keyId: keyIdText(key.keyId), trustedComment };
}

/**
 * Reads a bundle once, front to back, trusting nothing: the manifest (size-capped) and its
 * signature are verified first; then every entry is checked by name, type, listing, uniqueness
 * and size before its bytes are read, and by sha256 after. Bytes reach a sink only as they are
 * read; the sink's `end` is called only for an entry that matched. Nothing past a bad entry is read.
 */
export async function readBundle(file: string, policy: TrustPolicy, handlers: ReadHandlers = {}): Promise<{ manifest: BundleManifest; signature: SignatureResult }> {
  const found = findBundleFiles(file);
  const source = Readable.from(concatFiles(found.files));
  const extract = tarExtract();
  source.on('error', (err) => extract.destroy(err));
  source.pipe(extract);
  let manifest: BundleManifest | undefined;
  let manifestBytes: Buffer | undefined;
  let signature: SignatureResult | undefined;
  const expected = new Map<string, BundleEntry>();
  const seen = new Set<string>();
  let current = MANIFEST_NAME;
  try {
    let index = 0;
    for await (const entry of extract) {
      if (handlers.signal?.aborted) throw cancelled();
      const h = entry.header;
      current = h.name;
      const why = unsafeName(h.name);
      if (why) throw refuse(h.name, why);
      checkType(h);
      if (index === 0) {
        if (h.name !== MANIFEST_NAME) throw refuse(h.name, `the first entry must be ${MANIFEST_NAME}`);
        if ((h.size ?? 0) > MAX_MANIFEST_BYTES) throw refuse(MANIFEST_NAME, `${h.size} bytes, over the ${MAX_MANIFEST_BYTES}-byte limit for a manifest`);
        manifestBytes = await readAll(entry as AsyncIterable<Buffer>, MAX_MANIFEST_BYTES, MANIFEST_NAME);
        manifest = parseManifest(manifestBytes);
        index++;
        continue;
      }
      if (!signature) {
        const isSig = h.name === SIGNATURE_NAME;
        const sigText = isSig ? await readAll(entry as AsyncIterable<Buffer>, 8192, SIGNATURE_NAME) : undefined;
        signature = checkSignature(manifestBytes!, sigText, policy);
        checkParts(found, manifest!.parts);
        for (const e of manifest!.entries) expected.set(e.path, e);
        await handlers.onManifest?.(manifest!, signature);
        index++;
        if (isSig) continue;
      }
      const want = expected.get(h.name);
      if (seen.has(h.name)) throw refuse(h.name, 'appears twice in the bundle');
      if (!want) throw refuse(h.name, 'is not listed in the signed manifest');
      if (h.size !== want.size) throw refuse(h.name, `${h.size} bytes in the tar, ${want.size} in the manifest`);
      seen.add(h.name);
      const sink = handlers.onEntry?.(want);
      const hash = createHash('sha256');
      try {
        for await (const chunk of entry as AsyncIterable<Buffer>) {
          if (handlers.signal?.aborted) throw cancelled();
          hash.update(chunk);
          await sink?.write(chunk);
        }
        if (hash.digest('hex') !== want.sha256) throw refuse(h.name, 'its sha256 does not match the manifest (altered)');
      } catch (err) {
        await sink?.abort(err as Error);
        throw err;
      }
      await sink?.end();
      index++;
    }
  } catch (err) {
    source.destroy();
    if (err instanceof LabdeckError) throw err;
    throw refuse(current, `the bundle cannot be read here (${(err as Error).message}): a truncated or damaged file or part?`);
  }
  if (!manifest) throw refuse(MANIFEST_NAME, 'missing: not a Labdeck bundle');
  if (!signature) {
    signature = checkSignature(manifestBytes!, undefined, policy);
    checkParts(found, manifest.parts);
    for (const e of manifest.entries) expected.set(e.path, e);
    await handlers.onManifest?.(manifest, signature);
  }
  const missing = [...expected.keys()].filter((p) => !seen.has(p));
  if (missing.length) throw refuse(missing[0], `listed in the manifest but not in the bundle${missing.length > 1 ? ` (and ${missing.length - 1} more)` : ''}: truncated?`);
  return { manifest, signature };
}
