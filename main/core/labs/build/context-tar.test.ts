import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextEntries } from './context-files';
import { contextTar, INLINE_DOCKERFILE } from './context-tar';

let dir: string;
let ctx: string;

function files(map: Record<string, string>): void {
  for (const [name, content] of Object.entries(map)) {
    mkdirSync(dirname(join(ctx, name)), { recursive: true });
    writeFileSync(join(ctx, name), content);
  }
}
const paths = (dockerfile = 'Dockerfile') => contextEntries(ctx, dockerfile).filter((e) => e.type !== 'directory').map((e) => e.path);

async function untar(tar: Readable): Promise<Map<string, { type: string; body: string; linkname?: string }>> {
  const out = new Map<string, { type: string; body: string; linkname?: string }>();
  const ex = extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (h, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c) => chunks.push(c as Buffer));
      stream.on('end', () => {
        out.set(h.name, { type: h.type ?? 'file', body: Buffer.concat(chunks).toString(), linkname: h.linkname ?? undefined });
        next();
      });
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
  });
  tar.pipe(ex);
  await done;
  return out;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bld-ctx-'));
  ctx = join(dir, 'app');
  mkdirSync(ctx);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('.dockerignore, as Docker reads it', () => {
  it('keeps everything without a .dockerignore', () => {
    files({ Dockerfile: 'FROM x', 'src/a.js': '1', '.git/HEAD': 'ref' });
    expect(paths()).toEqual(['.git/HEAD', 'Dockerfile', 'src/a.js']);
  });

  it('matches patterns from the root, `**` at any depth, and lets a later `!` exception win', () => {
    files({
      Dockerfile: 'FROM x',
      '.dockerignore': '# comment\n\n/node_modules\n**/*.log\n*.md\n!README.md\nsecrets/\n  tmp  \n',
      'node_modules/x/index.js': '1',
      'src/node_modules/kept.js': '1',
      'a.log': '1',
      'src/deep/b.log': '1',
      'NOTES.md': '1',
      'README.md': '1',
      'secrets/key': '1',
      'tmp/t': '1',
      'src/app.js': '1',
    });
    expect(paths()).toEqual(['.dockerignore', 'Dockerfile', 'README.md', 'src/app.js', 'src/node_modules/kept.js']);
  });

  it('walks into an ignored folder when an exception brings a file back', () => {
    files({ Dockerfile: 'FROM x', '.dockerignore': 'docs\n!docs/keep.txt\n', 'docs/keep.txt': '1', 'docs/drop.txt': '1' });
    expect(paths()).toEqual(['.dockerignore', 'Dockerfile', 'docs/keep.txt']);
  });

  it('always sends the Dockerfile and .dockerignore, as the docker CLI does, and prefers <Dockerfile>.dockerignore', () => {
    files({ Dockerfile: 'FROM x', 'ops/api.Dockerfile': 'FROM y', '.dockerignore': '*\n', 'ops/api.Dockerfile.dockerignore': 'src\n', 'src/a.js': '1', 'b.txt': '1' });
    expect(paths()).toEqual(['.dockerignore', 'Dockerfile']);
    expect(paths('ops/api.Dockerfile')).toEqual(['.dockerignore', 'Dockerfile', 'b.txt', 'ops/api.Dockerfile', 'ops/api.Dockerfile.dockerignore']);
  });
});

describe('contextTar', () => {
  it('sends the files with their content and adds an inline Dockerfile', async () => {
    files({ 'src/a.js': 'console.log(1)', '.dockerignore': 'secret.txt\n', 'secret.txt': 'nope' });
    const t = contextTar({ context: ctx, dockerfile: 'Dockerfile', dockerfileInline: 'FROM node:20-bookworm-slim\n' });
    expect(t.dockerfile).toBe(INLINE_DOCKERFILE);
    const got = await untar(t.tar);
    expect(got.get('src/a.js')?.body).toBe('console.log(1)');
    expect(got.get(INLINE_DOCKERFILE)?.body).toBe('FROM node:20-bookworm-slim\n');
    expect(got.has('secret.txt')).toBe(false);
  });

  it('sends a symlink pointing out of the context as a link, never the file it points to', async () => {
    writeFileSync(join(dir, 'host-secret'), 'TOP SECRET');
    mkdirSync(join(dir, 'outside'));
    writeFileSync(join(dir, 'outside', 'x'), 'TOP SECRET TOO');
    files({ Dockerfile: 'FROM x' });
    symlinkSync(join(dir, 'host-secret'), join(ctx, 'leak'));
    symlinkSync('../outside', join(ctx, 'leakdir'));
    const got = await untar(contextTar({ context: ctx, dockerfile: 'Dockerfile' }).tar);
    expect(got.get('leak')).toEqual({ type: 'symlink', body: '', linkname: join(dir, 'host-secret') });
    expect(got.get('leakdir')).toEqual({ type: 'symlink', body: '', linkname: '../outside' });
    expect([...got.keys()].sort()).toEqual(['Dockerfile', 'leak', 'leakdir']);
    expect([...got.values()].some((e) => e.body.includes('TOP SECRET'))).toBe(false);
  });

  it('refuses a context over the size limit before reading it, with a coded error', () => {
    files({ Dockerfile: 'FROM x', 'big.bin': 'x'.repeat(4096) });
    expect(() => contextTar({ context: ctx, dockerfile: 'Dockerfile', maxBytes: 1024 })).toThrow(expect.objectContaining({ code: 'BUILD_CONTEXT_TOO_LARGE', message: expect.stringMatching(/over the 0 MiB limit/) }));
    expect(() => contextTar({ context: join(dir, 'none'), dockerfile: 'Dockerfile' })).toThrow(expect.objectContaining({ code: 'BUILD_FAILED' }));
  });
});
