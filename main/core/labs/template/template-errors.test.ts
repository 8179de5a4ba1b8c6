import { describe, expect, it } from 'vitest';
import { LabdeckError } from '../../../api/errors';
import type { TemplateIssue } from '../template-model';
import { parseTemplate, TemplateInvalidError } from './load-template';

const FILE = '/labs/broken/compose.yaml';

function reader(files: Record<string, string>): (name: string) => string {
  return (name) => {
    if (name in files) return files[name];
    throw Object.assign(new Error(`ENOENT: ${name}`), { code: 'ENOENT' });
  };
}

function failure(lines: string[], files: Record<string, string> = {}): TemplateInvalidError {
  try {
    parseTemplate(lines.join('\n') + '\n', FILE, reader(files));
  } catch (err) {
    expect(err).toBeInstanceOf(TemplateInvalidError);
    return err as TemplateInvalidError;
  }
  throw new Error('the template loaded, but it should not have');
}

interface Case {
  name: string;
  yaml: string[];
  files?: Record<string, string>;
  line: number;
  col: number;
  path: string;
  message: string;
}

const web = ['services:', '  web:', '    image: nginx'];

const CASES: Case[] = [
  { name: 'bad YAML: unclosed bracket', yaml: [...web, '    ports: [8080:80', '    restart: always'], line: 5, col: 5, path: '', message: 'YAML syntax' },
  { name: 'wrong type for ports', yaml: [...web, '    ports: "8080:80"'], line: 4, col: 12, path: 'services.web.ports', message: 'must be array (schema #/definitions/service/properties/ports/type)' },
  { name: 'unknown service in depends_on', yaml: [...web, '    depends_on: [db]'], line: 4, col: 18, path: 'services.web.depends_on[0]', message: 'depends_on names db' },
  {
    name: 'dependency cycle',
    yaml: ['services:', '  a:', '    image: x', '    depends_on: [b]', '  b:', '    image: x', '    depends_on:', '      a: { condition: service_healthy }'],
    line: 8, col: 7, path: 'services.b.depends_on.a', message: 'dependency cycle: a -> b -> a',
  },
  { name: 'port out of range', yaml: [...web, '    ports: ["70000:80"]'], line: 4, col: 13, path: 'services.web.ports[0]', message: 'port 70000 is out of range 1..65535' },
  { name: 'port not a number', yaml: [...web, '    ports:', '      - "abc:80"'], line: 5, col: 9, path: 'services.web.ports[0]', message: 'port "abc" in "abc:80" is not a number' },
  {
    name: 'bad duration in healthcheck.interval',
    yaml: [...web, '    healthcheck:', '      test: ["CMD", "true"]', '      interval: 10 seconds'],
    line: 6, col: 17, path: 'services.web.healthcheck.interval', message: 'bad duration "10 seconds"',
  },
  { name: 'missing image', yaml: ['services:', '  web:', '    command: ["x"]'], line: 2, col: 3, path: 'services.web', message: 'service web has neither `image:` nor `build:`' },
  {
    name: 'duplicate host port',
    yaml: ['services:', '  a:', '    image: x', '    ports: ["8080:80"]', '  b:', '    image: x', '    ports:', '      - target: 81', '        published: 8080'],
    line: 8, col: 9, path: 'services.b.ports[0]', message: 'host port 8080/tcp is already published by service a (services.a.ports[0])',
  },
  { name: 'unknown x-labdeck key', yaml: [...web, 'x-labdeck:', '  title: T', '  scrape_intervall: 5s'], line: 6, col: 3, path: 'x-labdeck.scrape_intervall', message: 'unknown key `scrape_intervall`' },
  {
    name: 'metrics for an unknown service',
    yaml: [...web, 'x-labdeck:', '  title: T', '  metrics:', '    - service: api', '      port: 9100'],
    line: 7, col: 16, path: 'x-labdeck.metrics[0].service', message: 'metrics names api',
  },
  { name: 'undeclared named volume', yaml: [...web, '    volumes:', '      - pgdata:/var/lib/postgresql/data'], line: 5, col: 9, path: 'services.web.volumes[0]', message: 'named volume pgdata is not declared' },
  {
    name: 'undeclared config',
    yaml: [...web, '    configs:', '      - source: app_conf', '        target: /etc/app.conf'],
    line: 5, col: 17, path: 'services.web.configs[0].source', message: 'config app_conf is not declared',
  },
  {
    name: 'config file missing beside the template',
    yaml: [...web, '    configs: [app_conf]', 'configs:', '  app_conf:', '    file: ./app.conf'],
    line: 7, col: 11, path: 'configs.app_conf.file', message: 'cannot read ./app.conf beside the template: no such file',
  },
  { name: 'host_ip 0.0.0.0', yaml: [...web, '    ports:', '      - "0.0.0.0:8080:80"'], line: 5, col: 9, path: 'services.web.ports[0]', message: 'host_ip 0.0.0.0 is not allowed' },
  { name: 'bad size in mem_limit', yaml: [...web, '    mem_limit: 512 megs'], line: 4, col: 16, path: 'services.web.mem_limit', message: 'bad size "512 megs"' },
  { name: 'env_file escaping the folder', yaml: [...web, '    env_file: ../secrets.env'], line: 4, col: 15, path: 'services.web.env_file', message: 'outside the template folder' },
  { name: 'absolute rule file', yaml: [...web, 'x-labdeck:', '  title: T', '  rules: [/etc/passwd]'], line: 6, col: 11, path: 'x-labdeck.rules[0]', message: 'is absolute' },
  { name: 'misspelt service key', yaml: [...web, '    imgae: nginx'], line: 4, col: 5, path: 'services.web.imgae', message: 'unknown key `imgae` (schema #/definitions/service/additionalProperties)' },
  { name: 'wrong port entry type', yaml: [...web, '    ports: [[80]]'], line: 4, col: 13, path: 'services.web.ports[0]', message: 'must be number or string or object' },
  { name: 'bad depends_on condition', yaml: [...web, '    depends_on:', '      web2: { condition: service_ready }', '  web2:', '    image: x'], line: 5, col: 26, path: 'services.web.depends_on.web2.condition', message: 'must be one of "service_started"' },
  { name: 'undeclared network', yaml: [...web, '    networks: [back]'], line: 4, col: 16, path: 'services.web.networks[0]', message: 'network back is not declared' },
  { name: 'bad service name', yaml: ['services:', '  -web:', '    image: x'], line: 2, col: 3, path: 'services.-web', message: 'service name "-web" must start with a letter or digit' },
  { name: 'x-labdeck without a title', yaml: [...web, 'x-labdeck:', '  description: no title'], line: 4, col: 1, path: 'x-labdeck.title', message: 'title is required' },
  { name: 'service without settings', yaml: ['services:', '  web:'], line: 2, col: 3, path: 'services.web', message: 'must be object (schema #/definitions/service/type)' },
  { name: 'several YAML documents', yaml: [...web, '---', 'services: {}'], line: 4, col: 1, path: '', message: 'one YAML document is expected' },
  { name: 'relative mount target', yaml: [...web, '    volumes:', '      - { type: tmpfs, target: tmp }'], line: 5, col: 32, path: 'services.web.volumes[0].target', message: 'must be absolute' },
  { name: 'unclosed quote in command', yaml: [...web, `    command: echo "oops`], line: 4, col: 14, path: 'services.web.command', message: 'unclosed double quote' },
];

function find(issues: TemplateIssue[], c: Case): TemplateIssue | undefined {
  return issues.find((i) => i.line === c.line && i.col === c.col && i.path === c.path && i.message.includes(c.message));
}

describe('malformed templates', () => {
  it.each(CASES)('$name → line $line col $col', (c) => {
    const err = failure(c.yaml, c.files);
    const found = find(err.issues, c);
    expect(found, `issues were:\n${err.message}`).toBeDefined();
    expect(err.code).toBe('TEMPLATE_INVALID');
    const where = c.path ? `${FILE}:${c.line}:${c.col}: ${c.path}: ` : `${FILE}:${c.line}:${c.col}: `;
    expect(err.message).toContain(where + found!.message);
  });

  it('lists every problem, sorted by line, in one error that is a LabdeckError', () => {
    const err = failure(['services:', '  web:', '    ports: ["70000"]', '    mem_limit: lots', '    depends_on: [ghost]']);
    expect(err).toBeInstanceOf(LabdeckError);
    expect(err.issues.map((i) => [i.line, i.path])).toEqual([
      [2, 'services.web'],
      [3, 'services.web.ports[0]'],
      [4, 'services.web.mem_limit'],
      [5, 'services.web.depends_on[0]'],
    ]);
    expect(err.message.split('\n')[0]).toBe(`${FILE}: 4 problems`);
    expect(err.path).toBe('services.web');
    expect(err.hint).toContain(FILE);
    expect(err.toValue()).toMatchObject({ code: 'TEMPLATE_INVALID', path: 'services.web' });
  });

  it('caps the message at 20 problems but keeps them all in issues', () => {
    const services = Array.from({ length: 25 }, (_, i) => `  s${i}: { image: x, depends_on: [nobody] }`);
    const err = failure(['services:', ...services]);
    expect(err.issues).toHaveLength(25);
    const lines = err.message.split('\n');
    expect(lines).toHaveLength(22);
    expect(lines[21]).toBe('… and 5 more');
  });

  it('refuses a document that is not a mapping', () => {
    const err = failure(['- just', '- a list']);
    expect(err.issues[0]).toMatchObject({ line: 1, col: 1, path: '' });
  });
});
