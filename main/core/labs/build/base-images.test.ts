import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDockerfile } from './base-images';

let dir: string;
const build = (dockerfile: string, inline?: string) => ({ service: 'api', tag: 'bld-t-api', context: join(dir, 'ctx'), dockerfile, args: {}, labels: {}, ...(inline ? { dockerfileInline: inline } : {}) });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bld-df-'));
  mkdirSync(join(dir, 'ctx', 'ops'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readDockerfile', () => {
  it('reads the Dockerfile inside the context, or the inline text', () => {
    writeFileSync(join(dir, 'ctx', 'ops', 'api.Dockerfile'), 'FROM redis:7.2\n');
    expect(readDockerfile(build('ops/api.Dockerfile'))).toEqual({ text: 'FROM redis:7.2\n', where: join(dir, 'ctx', 'ops', 'api.Dockerfile') });
    expect(readDockerfile(build('Dockerfile', 'FROM x\n')).text).toBe('FROM x\n');
  });

  it('refuses a Dockerfile that is a link out of the context, and a missing one, as BUILD_FAILED', () => {
    writeFileSync(join(dir, 'outside.Dockerfile'), 'FROM secret\n');
    symlinkSync(join(dir, 'outside.Dockerfile'), join(dir, 'ctx', 'Dockerfile'));
    expect(() => readDockerfile(build('Dockerfile'))).toThrow(expect.objectContaining({ code: 'BUILD_FAILED', message: expect.stringMatching(/links out of the build context/) }));
    expect(() => readDockerfile(build('nope'))).toThrow(expect.objectContaining({ code: 'BUILD_FAILED', message: expect.stringMatching(/no such file/) }));
  });
});
