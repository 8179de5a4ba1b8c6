import { describe, expect, it } from 'vitest';
import { parseTemplate } from './load-template';
import { TemplateInvalidError } from './template-issues';

const noFiles = (name: string): string => {
  throw Object.assign(new Error(`ENOENT: ${name}`), { code: 'ENOENT' });
};
const parse = (lines: string[]) => parseTemplate([...lines, ''].join('\n'), '/labs/shop/compose.yaml', noFiles);

describe('build: in a template', () => {
  it('takes the short form as the context, relative to the file, with the default Dockerfile', () => {
    const t = parse(['services:', '  api:', '    build: ./api']);
    expect(t.services[0].image).toBe('');
    expect(t.services[0].build).toEqual({ context: '/labs/shop/api', dockerfile: 'Dockerfile', args: {}, labels: {} });
    expect(t.unsupported).toEqual([]);
  });

  it('takes the long form: dockerfile, args as a map or a list, target, labels, and image: as the tag', () => {
    const t = parse([
      'services:',
      '  api:',
      '    image: shop/api:dev',
      '    build:',
      '      context: ../shared',
      '      dockerfile: docker/api.Dockerfile',
      '      args: [GREETING=hello, EMPTY=, FROM_ENV]',
      '      target: runtime',
      '      labels: { team: payments }',
      '  web:',
      '    build:',
      '      args: { N: 3 }',
      '      dockerfile_inline: |',
      '        FROM node:20-bookworm-slim',
    ]);
    const [api, web] = t.services;
    expect(api.image).toBe('shop/api:dev');
    expect(api.build).toEqual({ context: '/labs/shared', dockerfile: 'docker/api.Dockerfile', args: { GREETING: 'hello', EMPTY: '' }, target: 'runtime', labels: { team: 'payments' } });
    expect(web.build).toEqual({ context: '/labs/shop', dockerfile: 'Dockerfile', dockerfileInline: 'FROM node:20-bookworm-slim\n', args: { N: '3' }, labels: {} });
  });

  it('reports build keys it does not pass on, and remote contexts, as unsupported with their lines', () => {
    const t = parse(['services:', '  api:', '    build:', '      context: https://github.com/x/y.git', '  b:', '    build:', '      context: .', '      ssh: [default]']);
    expect(t.unsupported.map((u) => [u.line, u.path, u.message])).toEqual([
      [4, 'services.api.build.context', 'Labdeck builds only from a folder on this machine, not from https://github.com/x/y.git'],
      [8, 'services.b.build.ssh', 'Labdeck does not support `build.ssh`'],
    ]);
  });

  it('refuses a Dockerfile outside the context, and dockerfile with dockerfile_inline', () => {
    const t = parse(['services:', '  api:', '    build: { context: ., dockerfile: ../Dockerfile }']);
    expect(t.unsupported.map((u) => u.message)).toEqual(['the Dockerfile must sit inside the build context (write it relative to .)']);
    let err: unknown;
    try {
      parse(['services:', '  api:', '    build:', '      dockerfile: D', '      dockerfile_inline: FROM x']);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TemplateInvalidError);
    expect((err as Error).message).toMatch(/compose\.yaml:5:26: services\.api\.build\.dockerfile_inline: `dockerfile` and `dockerfile_inline` are exclusive/);
  });
});
