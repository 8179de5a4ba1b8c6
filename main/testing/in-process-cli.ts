import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, vi } from 'vitest';
import { main } from '../cli/main';

/**
 * `labdeck <command> …` run in this process against a throw-away data folder, its stdout and stderr
 * captured per call: for CLI tests that need no engine (DOCKER_HOST points nowhere unless `env` says).
 */
export function useInProcessCli(command: string, env: Record<string, string> = {}) {
  const home = mkdtempSync(join(tmpdir(), `labdeck-${command}-cli-`));
  const io = { out: '', err: '' };
  beforeAll(() => {
    vi.stubEnv('LABDECK_HOME', home);
    for (const [k, v] of Object.entries({ DOCKER_HOST: 'unix:///nonexistent/docker.sock', ...env })) vi.stubEnv(k, v);
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((io.out += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((io.err += String(chunk)), true));
  });
  afterAll(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    rmSync(home, { recursive: true, force: true });
  });
  const run = async (...args: string[]): Promise<number> => {
    io.out = '';
    io.err = '';
    process.exitCode = undefined;
    const code = await main([command, ...args]);
    process.exitCode = undefined;
    return code;
  };
  return { home, io, run };
}
