import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planLab } from '../lab-planner';
import { loadTemplate, TemplateInvalidError } from './load-template';

const FIXTURES = join(__dirname, '..', 'fixtures');
const OK = join(FIXTURES, 'interpolation', 'compose.yaml');
const BAD = join(FIXTURES, 'interpolation-errors', 'compose.yaml');
const SET_HERE = ['SHELL_ONLY', 'BOTH', 'API_TOKEN', 'PORT', 'LOG_LEVEL'];

afterEach(() => {
  for (const k of SET_HERE) delete process.env[k];
});

describe('interpolation from .env, --env-file and the environment', () => {
  it('fills every form from .env beside the file, the shell winning over .env, and no ${ reaches the plan', async () => {
    process.env.SHELL_ONLY = 'from-shell';
    process.env.BOTH = 'shell-wins';
    const t = await loadTemplate(OK);
    const db = t.services[0];
    expect(db.image).toBe('redis:7.2');
    expect(db.environment).toEqual({
      USER_NAME: 'alice',
      PASSWORD: 's3cret pass',
      MODE: 'standalone',
      EMPTY_DASH: '',
      EMPTY_COLON_DASH: 'fallback',
      ALT: 'has-user',
      ALT_UNSET: '',
      NESTED: 'alice-suffix',
      LITERAL: 'costs $5 and ${NOT_A_VAR}',
      FROM_SHELL: 'from-shell',
      OVERRIDDEN: 'shell-wins',
    });
    expect(db.command).toEqual(['redis-server', '--port', '6379']);
    expect(db.readOnly).toBe(true);
    expect(t.warnings).toEqual([]);
    expect(t.hostVariables).toEqual(['BOTH', 'SHELL_ONLY']);
    const plan = planLab(t, 'cmp-interp');
    // The only `${` allowed is the one the file escaped as `$${`.
    const json = JSON.stringify(plan.containers).replace('costs $5 and ${NOT_A_VAR}', '');
    expect(json).not.toContain('${');
  });

  it('--env-file replaces .env, and a later file overrides an earlier one', async () => {
    const t = await loadTemplate(OK, { envFiles: ['staging.env'] });
    expect(t.services[0].environment.USER_NAME).toBe('bob');
    expect(t.services[0].environment.OVERRIDDEN).toBe('from-staging');
    expect(t.services[0].readOnly).toBe(false);
    const both = await loadTemplate(OK, { envFiles: [join(FIXTURES, 'interpolation', 'staging.env'), '.env'] });
    expect(both.services[0].environment.USER_NAME).toBe('alice');
  });

  it('the trust fingerprint changes with the env file and with host values used', async () => {
    const a = await loadTemplate(OK);
    const b = await loadTemplate(OK, { envFiles: ['staging.env'] });
    process.env.SHELL_ONLY = 'changed';
    const c = await loadTemplate(OK);
    expect(new Set([a.sha256, b.sha256, c.sha256]).size).toBe(3);
  });

  it('an env file that does not exist, or leaves the folder, is a coded error', async () => {
    await expect(loadTemplate(OK, { envFiles: ['missing.env'] })).rejects.toThrow(/cannot read the env file missing.env: no such file/);
    await expect(loadTemplate(OK, { envFiles: ['../interpolation-errors/.env'] })).rejects.toBeInstanceOf(TemplateInvalidError);
  });

  it('reports ? forms as errors and unset variables as warnings, each at file:line:col of its $', async () => {
    const err = await loadTemplate(BAD).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TemplateInvalidError);
    const issues = (err as TemplateInvalidError).issues.map((i) => `${i.line}:${i.col} ${i.path} ${i.message}`);
    expect(issues).toEqual([
      '5:14 services.app.environment.TOKEN required variable API_TOKEN is not set: set API_TOKEN to your token',
      '7:13 services.app.environment.ZONE required variable REGION is empty: region must not be empty',
      expect.stringMatching(/^9:33 services\.app\.command\[2\] invalid interpolation: a lone `\$`/),
    ]);
    expect((err as TemplateInvalidError).issues.every((i) => i.hint)).toBe(true);
    process.env.API_TOKEN = 't';
    const fixed = await loadTemplate(BAD).catch((e: unknown) => e as TemplateInvalidError);
    expect((fixed as TemplateInvalidError).issues.map((i) => i.line)).toEqual([7, 9]);
  });

  it('an unset variable without a default loads with a located warning', async () => {
    const { parseTemplate } = await import('./parse-template');
    const w = parseTemplate('services:\n  a:\n    image: redis:7.2\n    environment:\n      X: "pre-${NOT_SET_ANYWHERE}"\n', '/tmp/x/compose.yaml', () => {
      throw Object.assign(new Error('none'), { code: 'ENOENT' });
    });
    expect(w.warnings.map((i) => `${i.line}:${i.col} ${i.message}`)).toEqual(['5:15 variable NOT_SET_ANYWHERE is not set: it becomes an empty string']);
    expect(w.services[0].environment.X).toBe('pre-');
  });
});
