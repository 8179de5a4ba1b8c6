import type { Database } from 'better-sqlite3';

/**
 * The owner's trust in templates, per content hash of the file: an edited file is a new hash and asks
 * again. A trust also lists the risks seen when it was given, so a risk that appears later without the
 * file changing (a key added to an env_file beside it) asks again too.
 */
export class TrustRepo {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  trust(sha256: string, file: string, riskIds: string[]): void {
    this.db
      .prepare('INSERT OR REPLACE INTO template_trust (sha256, file, risks, trusted_at) VALUES (?, ?, ?, ?)')
      .run(sha256, file, JSON.stringify([...new Set(riskIds)].sort()), this.now().toISOString());
  }

  /** True when this content was trusted with every one of these risks. */
  covers(sha256: string, riskIds: string[]): boolean {
    const row = this.db.prepare('SELECT risks FROM template_trust WHERE sha256 = ?').get(sha256) as { risks: string } | undefined;
    if (!row) return false;
    const accepted = new Set(JSON.parse(row.risks) as string[]);
    return riskIds.every((id) => accepted.has(id));
  }
}
