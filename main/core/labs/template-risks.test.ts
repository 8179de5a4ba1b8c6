import { mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplate } from './template/load-template';
import { parseTemplate } from './template/parse-template';
import { DEFAULT_MAX_REPLICAS, templateRisks, type RiskContext, type TemplateRisk } from './template-risks';
import { KNOWN_ENGINE_SOCKETS } from './host-path-risks';

const home = homedir();
const ctx: RiskContext = { homeDir: home, dataDir: join(home, '.local/share/labdeck'), engineSockets: KNOWN_ENGINE_SOCKETS, maxReplicas: DEFAULT_MAX_REPLICAS };
const LIMITS = 'mem_limit: 64m\n    cpus: 0.5';

function risksOf(service: string, extra: Partial<RiskContext> = {}): TemplateRisk[] {
  const text = `services:\n  app:\n    image: redis:7.2\n    ${service}\n`;
  return templateRisks(parseTemplate(text, '/labs/t/compose.yaml', () => ''), { ...ctx, ...extra });
}
const brief = (rs: TemplateRisk[]) => rs.map((r) => `${r.kind}/${r.level}: ${r.setting}`);

describe('templateRisks', () => {
  it('asks trust when ${VAR} copies a value from Labdeck\'s own environment, not when an env file gives it', () => {
    const text = `services:\n  app:\n    image: redis:7.2\n    ${LIMITS}\n    environment:\n      A: \${CMP_HOST_SECRET}\n      B: \${CMP_FROM_FILE}\n`;
    const t = parseTemplate(text, '/labs/t/compose.yaml', (name) => (name === '.env' ? 'CMP_FROM_FILE=x\n' : ''), { processEnv: { CMP_HOST_SECRET: 'hunter2' } });
    expect(t.services[0].environment).toEqual({ A: 'hunter2', B: 'x' });
    expect(brief(templateRisks(t, ctx))).toEqual(['host-env/trust: ${CMP_HOST_SECRET}']);
  });

  it('a service with limits and nothing else has no risks', () => {
    expect(risksOf(LIMITS)).toEqual([]);
  });

  it('notes missing limits without asking for trust', () => {
    expect(brief(risksOf('mem_limit: 64m'))).toEqual(['no-limits/note: deploy.resources.limits: no cpus']);
    expect(risksOf('restart: "no"')[0].message).toMatch(/memory and CPU/);
  });

  it('asks trust for an ordinary host folder, saying read-only or not', () => {
    const [ro] = risksOf(`${LIMITS}\n    volumes: ["/srv/lab-data:/data:ro"]`);
    expect(ro).toMatchObject({ kind: 'host-path', level: 'trust', setting: 'volumes: /srv/lab-data:/data:ro' });
    expect(ro.message).toMatch(/read-only/);
    expect(risksOf(`${LIMITS}\n    volumes: ["./site:/site"]`)[0].message).toMatch(/\/labs\/t\/site, read-write/);
  });

  it('refuses /, engine sockets and folders holding them, naming the path to allow', () => {
    for (const [src, kind] of [['/', 'engine-access'], ['/var/run/docker.sock', 'engine-access'], ['/run/podman/podman.sock', 'engine-access'], ['/var/run', 'engine-access'], ['/tmp/x/containerd.sock', 'engine-access'], ['/etc', 'host-path'], ['/proc/1', 'host-path']]) {
      const [r] = risksOf(`${LIMITS}\n    volumes: ["${src}:/m:ro"]`);
      expect(r, src).toMatchObject({ kind, level: 'refused', allow: src });
    }
  });

  it("refuses the home folder, its credentials and Labdeck's data (even read-only)", () => {
    for (const src of ['~/.ssh', '~/.ssh/id_ed25519', '~', '~/.kube', `${ctx.dataDir}`, '~/.local']) {
      const [r] = risksOf(`${LIMITS}\n    volumes: ["${src}:/m:ro"]`);
      expect(r, src).toMatchObject({ kind: 'host-path', level: 'refused' });
    }
    expect(risksOf(`${LIMITS}\n    volumes: ["/home:/m:ro"]`, { homeDir: '/home/ada' })[0]).toMatchObject({ level: 'refused', message: expect.stringMatching(/home folder/) });
    expect(risksOf(`${LIMITS}\n    volumes: ["~/projects/site:/m:ro"]`)[0].level).toBe('trust');
  });

  it('judges a bind by where its symlinks lead', () => {
    const dir = mkdtempSync(join(tmpdir(), 'labdeck-risk-link-'));
    symlinkSync('/', join(dir, 'innocent'));
    try {
        const [r] = risksOf(`${LIMITS}\n    volumes: ["${dir}/innocent:/m"]`, { realPath: (p) => realpathSync(p) });
      expect(r).toMatchObject({ kind: 'engine-access', level: 'refused', allow: `${dir}/innocent` });
      expect(r.message).toMatch(/really \//);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names added capabilities, ALL and SYS_ADMIN with why', () => {
    const rs = risksOf(`${LIMITS}\n    cap_add: [ALL, CAP_SYS_ADMIN, NET_ADMIN, CHOWN]`);
    expect(brief(rs)).toEqual(['capability/trust: cap_add: ALL', 'capability/trust: cap_add: CAP_SYS_ADMIN', 'capability/trust: cap_add: NET_ADMIN', 'capability/trust: cap_add: CHOWN']);
    expect(rs[0].message).toMatch(/privileged/);
    expect(rs[1].message).toMatch(/SYS_ADMIN: mount/);
  });

  it('asks trust for unconfined security options, notes the others', () => {
    const rs = risksOf(`${LIMITS}\n    security_opt: [seccomp=unconfined, "apparmor:unconfined", label=disable, no-new-privileges:true]`);
    expect(rs.map((r) => r.level)).toEqual(['trust', 'trust', 'trust', 'note']);
  });

  it('asks trust for an explicit root user in each spelling', () => {
    for (const user of ['"0"', '"0:0"', 'root', 'root:root', '"0:1000"']) expect(brief(risksOf(`${LIMITS}\n    user: ${user}`)), user).toEqual([`root-user/trust: user: ${user.replace(/"/g, '')}`]);
    expect(risksOf(`${LIMITS}\n    user: "1000:1000"`)).toEqual([]);
  });

  it('asks trust for environment keys copied from the host, set now or not', () => {
    const list = risksOf(`${LIMITS}\n    environment: [GITHUB_TOKEN, "MODE=lab"]`);
    expect(brief(list)).toEqual(['host-env/trust: environment: GITHUB_TOKEN']);
    expect(brief(risksOf(`${LIMITS}\n    environment:\n      NO_SUCH_VAR_ANYWHERE:\n      MODE: lab`))).toEqual(['host-env/trust: environment: NO_SUCH_VAR_ANYWHERE']);
  });

  it('asks trust for a bare key in an env_file; an env_file outside the folder is refused by the loader', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'labdeck-risk-env-'));
    writeFileSync(join(dir, 'app.env'), 'MODE=lab\nAWS_SECRET_ACCESS_KEY\n');
    writeFileSync(join(dir, 'compose.yaml'), `services:\n  app:\n    image: redis:7.2\n    ${LIMITS}\n    env_file: ./app.env\n`);
    writeFileSync(join(dir, 'outside.yaml'), `services:\n  app:\n    image: redis:7.2\n    env_file: ../../etc/environment\n`);
    try {
      expect(brief(templateRisks(await loadTemplate(join(dir, 'compose.yaml')), ctx))).toEqual(['host-env/trust: environment: AWS_SECRET_ACCESS_KEY']);
      await expect(loadTemplate(join(dir, 'outside.yaml'))).rejects.toThrow(/outside the template folder/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses replicas over the bound, which is configurable', () => {
    expect(brief(risksOf(`${LIMITS}\n    deploy: { replicas: 100000 }`))).toEqual(['replicas/refused: deploy.replicas: 100000']);
    expect(risksOf(`${LIMITS}\n    deploy: { replicas: 20 }`)).toEqual([]);
    expect(risksOf(`${LIMITS}\n    deploy: { replicas: 30 }`, { maxReplicas: 50 })).toEqual([]);
  });

  it('finds every risk of the evil fixture', async () => {
    const t = await loadTemplate(join(__dirname, 'fixtures/evil/compose.yaml'));
    expect(brief(templateRisks(t, ctx))).toEqual([
      'engine-access/refused: volumes: /:/host',
      `host-path/refused: volumes: ${home}/.ssh:/keys:ro`,
      'engine-access/refused: volumes: /var/run/docker.sock:/var/run/docker.sock',
      'capability/trust: cap_add: ALL',
      'security-opt/trust: security_opt: seccomp=unconfined',
      'root-user/trust: user: 0:0',
      'host-env/trust: environment: GITHUB_TOKEN',
      'no-limits/note: deploy.resources.limits: no memory and cpus',
      'no-limits/note: deploy.resources.limits: no memory and cpus',
      'replicas/refused: deploy.replicas: 100000',
    ]);
  });

  it('asks trust for a build context outside the template folder, not for one inside it', () => {
    const build = (context: string, extra: Partial<RiskContext> = {}) =>
      templateRisks(parseTemplate(`services:\n  api:\n    build: ${context}\n    ${LIMITS}\n`, '/labs/t/compose.yaml', () => ''), { ...ctx, ...extra });
    expect(build('./api')).toEqual([]);
    expect(build('.')).toEqual([]);
    expect(brief(build('../../..'))).toEqual(['build-context/trust: build: /']);
    expect(build('../../..')[0].message).toMatch(/outside the template's folder/);
    expect(brief(build('/home/someone/project'))).toEqual(['build-context/trust: build: /home/someone/project']);
    // a folder inside that is a link out of it is judged by where it really is
    const real = (p: string) => (p === '/labs/t/api' ? '/etc' : p);
    expect(build('./api', { realPath: real })[0].message).toMatch(/builds from \/labs\/t\/api \(really \/etc\)/);
  });
});
