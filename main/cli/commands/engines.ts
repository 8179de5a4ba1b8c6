import type { Command } from 'commander';
import type { EngineListing } from '../../api/schemas/engines';
import { EngineAddParams } from '../../api/schemas/engines';
import { LabdeckError } from '../../api/errors';
import { resolve } from 'node:path';
import { printJson, withCore } from '../with-core';

const file = (f: string | undefined): string | undefined => (f ? resolve(f) : undefined);

function listingText(list: EngineListing[]): string {
  if (!list.length) return 'No engines registered and no docker contexts. Add one: labdeck engines add NAME ssh://user@host | tcp://host:2376 --tls-ca F --tls-cert F --tls-key F\n';
  const lines = list.map((e) => {
    const state = e.reachable ? `${e.kind ?? 'docker'} ${e.version}` : `UNREACHABLE${e.errorCode ? ` ${e.errorCode}` : ''}`;
    const from = e.source === 'docker-context' ? '  (docker context)' : '';
    const why = e.reachable || !e.error ? '' : `\n    ${e.error.split('\n').join('\n    ')}`;
    return `${e.name}  ${e.endpoint}  ${state}${from}${why}`;
  });
  return `${lines.join('\n')}\n`;
}

/** `labdeck engines add|ls|rm`: remote engines by name (ssh://, tcp:// with TLS); docker contexts listed too. */
export function registerEngines(program: Command): void {
  const engines = program.command('engines').description('remote engines by name: ssh://, tcp:// with TLS, and docker contexts');
  engines
    .command('add <name> <url>')
    .description('register an engine: ssh://user@host[:port] or tcp://host:2376 with TLS files')
    .option('--tls-ca <file>', "the CA that signed the engine's certificate")
    .option('--tls-cert <file>', 'our client certificate')
    .option('--tls-key <file>', "our client certificate's key")
    .option('--ssh-config <file>', 'an ssh config file for this engine (default: your ~/.ssh/config)')
    .action((name: string, url: string, o: { tlsCa?: string; tlsCert?: string; tlsKey?: string; sshConfig?: string }) =>
      withCore(async (core) => {
        const parsed = EngineAddParams.safeParse({ name, endpoint: url, tlsCa: file(o.tlsCa), tlsCert: file(o.tlsCert), tlsKey: file(o.tlsKey), sshConfig: file(o.sshConfig) });
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new LabdeckError('BAD_REQUEST', `${issue.path.join('.')}: ${issue.message}`);
        }
        const e = await core.handlers['engines.add'](parsed.data);
        process.stdout.write(`Registered engine ${e.name} at ${e.endpoint}. labdeck engines ls shows whether it answers; labdeck up TEMPLATE --engine ${e.name} starts a lab there.\n`);
      }),
    );
  engines
    .command('ls')
    .description('registered engines and docker contexts, with whether each answers and its version')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      withCore(async (core) => {
        const list = await core.handlers['engines.list']({});
        if (o.json) printJson(list);
        else process.stdout.write(listingText(list));
      }),
    );
  engines
    .command('rm <name>')
    .description('forget a registered engine (refused while a lab lives on it)')
    .action((name: string) =>
      withCore(async (core) => {
        await core.handlers['engines.remove']({ name });
        process.stdout.write(`Removed engine ${name}.\n`);
      }),
    );
}
