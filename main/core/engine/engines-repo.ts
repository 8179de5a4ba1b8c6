import type { Database } from 'better-sqlite3';
import { LabdeckError } from '../../api/errors';
import type { EngineAddParams, RegisteredEngine } from '../../api/schemas/engines';

interface Row {
  name: string;
  endpoint: string;
  tls_ca: string | null;
  tls_cert: string | null;
  tls_key: string | null;
  ssh_config: string | null;
}

const fromRow = (r: Row): RegisteredEngine => ({
  name: r.name,
  endpoint: r.endpoint,
  source: 'labdeck',
  ...(r.tls_ca ? { tlsCa: r.tls_ca } : {}),
  ...(r.tls_cert ? { tlsCert: r.tls_cert } : {}),
  ...(r.tls_key ? { tlsKey: r.tls_key } : {}),
  ...(r.ssh_config ? { sshConfig: r.ssh_config } : {}),
});

/** The engines the owner registered by name (`labdeck engines add`), with their TLS files or ssh config. */
export class EnginesRepo {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  list(): RegisteredEngine[] {
    return (this.db.prepare('SELECT * FROM engines ORDER BY name').all() as Row[]).map(fromRow);
  }

  get(name: string): RegisteredEngine | undefined {
    const row = this.db.prepare('SELECT * FROM engines WHERE name = ?').get(name) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** The registered engine at this endpoint (the first by name when several share it). */
  byEndpoint(endpoint: string): RegisteredEngine | undefined {
    const row = this.db.prepare('SELECT * FROM engines WHERE endpoint = ? ORDER BY name LIMIT 1').get(endpoint) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Adds an engine; a name already taken is refused (remove it first), never overwritten. */
  add(e: EngineAddParams): RegisteredEngine {
    const info = this.db
      .prepare(
        `INSERT INTO engines (name, endpoint, tls_ca, tls_cert, tls_key, ssh_config, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(name) DO NOTHING`,
      )
      .run(e.name, e.endpoint, e.tlsCa ?? null, e.tlsCert ?? null, e.tlsKey ?? null, e.sshConfig ?? null, this.now().toISOString());
    if (info.changes === 0) throw new LabdeckError('BAD_REQUEST', `an engine named ${e.name} is registered already`, { hint: `labdeck engines rm ${e.name} first, or choose another name.` });
    return this.get(e.name)!;
  }

  remove(name: string): void {
    if (this.db.prepare('DELETE FROM engines WHERE name = ?').run(name).changes === 0) {
      throw new LabdeckError('ENGINE_NOT_FOUND', `no engine named ${name} is registered`, { hint: 'labdeck engines ls lists them.' });
    }
  }
}
