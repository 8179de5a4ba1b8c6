import { LabdeckError } from '../../api/errors';
import type { EngineAddParams, EngineListing, RegisteredEngine } from '../../api/schemas/engines';
import type { LabsRepo } from '../labs/labs-repo';
import { dockerContexts } from './docker-context';
import type { EngineConnector } from './engine-client';
import type { EngineService } from './engine-service';
import { dockerodeOptions, type EndpointExtras } from './endpoint-url';
import type { EnginesRepo } from './engines-repo';

export interface EngineRegistryDeps {
  repo: EnginesRepo;
  labs: LabsRepo;
  engine: EngineService;
  /** A connector with a short bound, for `engines ls` (an engine that does not answer must not hold the list). */
  connect: EngineConnector;
  env: NodeJS.ProcessEnv;
  home: string;
}

const fromContext = (c: ReturnType<typeof dockerContexts>[number]): RegisteredEngine => ({
  name: c.name,
  endpoint: c.host,
  source: 'docker-context',
  ...(c.tls?.ca ? { tlsCa: c.tls.ca } : {}),
  ...(c.tls?.cert ? { tlsCert: c.tls.cert } : {}),
  ...(c.tls?.key ? { tlsKey: c.tls.key } : {}),
});

/** What an engine adds to its URL when Labdeck connects to it. */
export function extrasOf(e: RegisteredEngine | undefined): EndpointExtras {
  if (!e) return {};
  const tls = e.tlsCa || e.tlsCert || e.tlsKey ? { tls: { ca: e.tlsCa, cert: e.tlsCert, key: e.tlsKey } } : {};
  return { ...tls, ...(e.sshConfig ? { sshConfig: e.sshConfig } : {}) };
}

/**
 * Engines by name: those registered in Labdeck, then docker contexts (offered by their names).
 * Which engine a command uses: `--engine NAME`, or the engine a lab was made on.
 */
export class EngineRegistry {
  constructor(private readonly d: EngineRegistryDeps) {}

  /** Registered engines first; a docker context whose name is taken by a registered one is left out. */
  all(): RegisteredEngine[] {
    const own = this.d.repo.list();
    const contexts = dockerContexts(this.d.env, this.d.home).filter((c) => c.name !== 'default' && !own.some((o) => o.name === c.name));
    return [...own, ...contexts.map(fromContext)];
  }

  resolve(name: string): RegisteredEngine {
    const found = this.all().find((e) => e.name === name);
    if (!found) throw new LabdeckError('ENGINE_NOT_FOUND', `no engine named ${name}`, { hint: 'labdeck engines ls lists registered engines and docker contexts; labdeck engines add NAME URL registers one.' });
    return found;
  }

  /** The TLS files or ssh config of the engine at this endpoint, for the connector. */
  extrasFor(endpoint: string): EndpointExtras {
    return extrasOf(this.d.repo.byEndpoint(endpoint) ?? this.all().find((e) => e.endpoint === endpoint));
  }

  /** Registers an engine once its URL and files are usable (certificates readable, an ssh target that is no option). */
  add(p: EngineAddParams): RegisteredEngine {
    const candidate: RegisteredEngine = { ...p, source: 'labdeck' };
    dockerodeOptions(p.endpoint, {}, extrasOf(candidate));
    if ((p.tlsCa || p.tlsCert || p.tlsKey) && !/^(tcp|https):/.test(p.endpoint)) {
      throw new LabdeckError('BAD_REQUEST', `TLS files are for tcp:// engines, not ${p.endpoint}`, { path: 'params.tlsCa' });
    }
    if (p.sshConfig && !p.endpoint.startsWith('ssh:')) throw new LabdeckError('BAD_REQUEST', `an ssh config is for ssh:// engines, not ${p.endpoint}`, { path: 'params.sshConfig' });
    // a lab remembers its engine by endpoint: one registration per endpoint, so its files are never ambiguous
    const same = this.d.repo.byEndpoint(p.endpoint);
    if (same && same.name !== p.name) throw new LabdeckError('BAD_REQUEST', `engine ${same.name} is registered at ${p.endpoint} already`, { hint: `labdeck engines rm ${same.name} first to register it with other files.` });
    return this.d.repo.add(p);
  }

  remove(name: string): void {
    const inUse = this.d.labs.live().filter((l) => l.engineEndpoint === this.d.repo.get(name)?.endpoint);
    if (inUse.length) {
      throw new LabdeckError('BAD_REQUEST', `engine ${name} still holds ${inUse.map((l) => l.id).join(', ')}`, { hint: `Take those labs down first (labdeck down LAB); a lab remembers its engine.` });
    }
    this.d.repo.remove(name);
  }

  /** Every engine with what it answers now (version, kind), probed at once; one that fails says why. */
  async list(): Promise<EngineListing[]> {
    return Promise.all(
      this.all().map(async (e): Promise<EngineListing> => {
        try {
          const client = this.d.connect(e.endpoint);
          await client.ping();
          const v = await client.version();
          return { ...e, reachable: true, version: v.version, kind: v.components.some((c) => /podman/i.test(c)) ? 'podman' : 'docker' };
        } catch (err) {
          const code = err instanceof LabdeckError ? err.code : (err as { code?: string }).code;
          return { ...e, reachable: false, error: err instanceof Error ? err.message : String(err), ...(code ? { errorCode: String(code) } : {}) };
        }
      }),
    );
  }

  /** This command uses the named engine (`--engine NAME`). */
  use(name: string): RegisteredEngine {
    const e = this.resolve(name);
    this.d.engine.pin(e.endpoint);
    return e;
  }

  /** This command acts on a lab: it uses the engine the lab was made on, whatever is current. */
  useLabEngine(labId: string): void {
    const rec = this.d.labs.get(labId);
    if (rec && (rec.state === 'running' || rec.state === 'creating') && rec.engineEndpoint !== 'unknown') this.d.engine.pin(rec.engineEndpoint);
  }
}
