import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTemplate } from './load-template';
import { parseTemplate } from './parse-template';

const FILE = join(__dirname, '..', 'fixtures', 'dotenv-vars', 'compose.yaml');

afterEach(() => {
  delete process.env.DOTENV_SHELL_VAR;
  delete process.env.COMPOSE_PROFILES;
});

describe('.env values with ${VAR}, and COMPOSE_PROFILES', () => {
  it('interpolates a .env value from earlier keys and the shell; a single-quoted one stays as written', async () => {
    const t = await loadTemplate(FILE);
    expect(t.services[0].environment).toEqual({ URL: 'postgres://db.internal:5432/app', LITERAL: '${HOST} stays', FROM_SHELL: 'none' });
    process.env.DOTENV_SHELL_VAR = 'shell-value';
    const withShell = await loadTemplate(FILE);
    expect(withShell.services[0].environment.FROM_SHELL).toBe('shell-value');
    // The shell's value reached the lab through .env: it is a host value the trust fingerprint covers.
    expect(withShell.hostVariables).toContain('DOTENV_SHELL_VAR');
    expect(withShell.sha256).not.toBe(t.sha256);
  });

  it('COMPOSE_PROFILES from .env enables profiles; the shell overrides .env; --profile overrides both', async () => {
    expect((await loadTemplate(FILE)).services.map((s) => s.name)).toEqual(['app', 'debug']);
    process.env.COMPOSE_PROFILES = 'other';
    expect((await loadTemplate(FILE)).services.map((s) => s.name)).toEqual(['app', 'other']);
    expect((await loadTemplate(FILE, { profiles: ['debug', 'other'] })).services.map((s) => s.name)).toEqual(['app', 'debug', 'other']);
  });

  it('a `?` form in .env is an error naming the file and line; an unset variable a warning', () => {
    const read = (name: string) => {
      if (name === '.env') return 'A=1\nB=${MISSING:?set MISSING first}\nC=${UNSET_TOO}\n';
      throw Object.assign(new Error(name), { code: 'ENOENT' });
    };
    let messages: string[] = [];
    try {
      parseTemplate('services:\n  a: { image: redis:7.2 }\n', '/labs/e/compose.yaml', read, { processEnv: {} });
    } catch (e) {
      messages = (e as { issues: { message: string }[] }).issues.map((i) => i.message);
    }
    expect(messages).toEqual(['.env line 2: required variable MISSING is not set: set MISSING first']);
    const ok = parseTemplate('services:\n  a: { image: redis:7.2 }\n', '/labs/e/compose.yaml', (n) => (n === '.env' ? 'C=${UNSET_TOO}\n' : ''), { processEnv: {} });
    expect(ok.warnings.map((w) => w.message)).toEqual(['.env line 1: variable UNSET_TOO is not set: it becomes an empty string']);
  });
});
