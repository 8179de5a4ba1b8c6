import type { Database } from 'better-sqlite3';
import type { LabWebhook } from '../monitoring/alert-webhook/webhook-plan';

export interface LabRecord {
  id: string;
  name: string;
  template: string;
  engineEndpoint: string;
  ports: unknown[];
  state: 'creating' | 'running' | 'failed' | 'destroyed';
  /** The process that is creating the lab, while it is `creating`. */
  creatorPid?: number;
  /** Where the lab's Alertmanager posts to Labdeck (gateway, port, token). */
  webhook?: LabWebhook;
  /** When Labdeck's own stop stopped the lab (so a stopped lab says who stopped it). */
  stoppedAt?: string;
  createdAt: string;
  destroyedAt?: string;
}

interface Row {
  id: string;
  name: string;
  template: string;
  engine_endpoint: string;
  parameters: string;
  ports: string;
  state: LabRecord['state'];
  created_at: string;
  destroyed_at: string | null;
}

function params(r: Row): { creatorPid?: number; webhook?: LabWebhook; stoppedAt?: string } {
  const p = JSON.parse(r.parameters || '{}') as { creatorPid?: number; webhook?: LabWebhook; stoppedAt?: string };
  return { creatorPid: p.creatorPid, ...(p.webhook ? { webhook: p.webhook } : {}), ...(p.stoppedAt ? { stoppedAt: p.stoppedAt } : {}) };
}

const fromRow = (r: Row): LabRecord => ({
  id: r.id,
  name: r.name,
  template: r.template,
  engineEndpoint: r.engine_endpoint,
  ports: JSON.parse(r.ports) as unknown[],
  state: r.state,
  ...params(r),
  createdAt: r.created_at,
  destroyedAt: r.destroyed_at ?? undefined,
});

/** The labs Labdeck made, with their template, ports and life times. The engine's labels stay the truth. */
export class LabsRepo {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  /** Records a lab as `creating` by this process, before anything exists on the engine. */
  begin(rec: { id: string; template: string; engineEndpoint: string; pid: number }): void {
    this.db
      .prepare(
        `INSERT INTO labs (id, name, template, parameters, engine_endpoint, ports, state, created_at, destroyed_at)
         VALUES (@id, @id, @template, @params, @engineEndpoint, '[]', 'creating', @at, NULL)
         ON CONFLICT(id) DO UPDATE SET template = excluded.template, parameters = excluded.parameters,
           engine_endpoint = excluded.engine_endpoint, ports = '[]', state = 'creating',
           created_at = excluded.created_at, destroyed_at = NULL`,
      )
      .run({ id: rec.id, template: rec.template, engineEndpoint: rec.engineEndpoint, params: JSON.stringify({ creatorPid: rec.pid }), at: this.now().toISOString() });
  }

  /** Adopts a lab found on the engine that this database did not know. */
  adopt(rec: { id: string; template: string; engineEndpoint: string }): void {
    this.db
      .prepare(
        `INSERT INTO labs (id, name, template, engine_endpoint, state, created_at) VALUES (?, ?, ?, ?, 'running', ?)
         ON CONFLICT(id) DO UPDATE SET state = 'running', destroyed_at = NULL`,
      )
      .run(rec.id, rec.id, rec.template, rec.engineEndpoint, this.now().toISOString());
  }

  /** Remembers that Labdeck itself stopped the lab (and when), or forgets it when the lab starts again. */
  setStoppedAt(id: string, at: Date | null): void {
    if (at) this.db.prepare("UPDATE labs SET parameters = json_set(parameters, '$.stoppedAt', ?) WHERE id = ?").run(at.toISOString(), id);
    else this.db.prepare("UPDATE labs SET parameters = json_remove(parameters, '$.stoppedAt') WHERE id = ?").run(id);
  }

  /** Records where the lab's Alertmanager reaches Labdeck, before the Alertmanager exists. */
  setWebhook(id: string, webhook: LabWebhook): void {
    this.db.prepare("UPDATE labs SET parameters = json_set(parameters, '$.webhook', json(?)) WHERE id = ?").run(JSON.stringify(webhook), id);
  }

  setState(id: string, state: LabRecord['state'], ports?: unknown[]): void {
    const destroyed = state === 'destroyed' || state === 'failed' ? this.now().toISOString() : null;
    this.db
      .prepare('UPDATE labs SET state = ?, ports = COALESCE(?, ports), destroyed_at = COALESCE(?, destroyed_at) WHERE id = ?')
      .run(state, ports ? JSON.stringify(ports) : null, destroyed, id);
  }

  get(id: string): LabRecord | undefined {
    const row = this.db.prepare('SELECT * FROM labs WHERE id = ?').get(id) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  live(): LabRecord[] {
    return (this.db.prepare("SELECT * FROM labs WHERE state IN ('creating', 'running') ORDER BY created_at").all() as Row[]).map(fromRow);
  }
}
