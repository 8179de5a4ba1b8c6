import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { formatPublicKey, keyIdText, parsePublicKey, type PublicKey } from './minisign-keys';

/** The settings row holding the public keys bundles may be signed with (kept out of `Settings`, which every client reads whole). */
const KEY = 'bundle.trustedKeys';
const Stored = z.array(z.object({ id: z.string(), key: z.string(), addedAt: z.string() }));
export type TrustedKey = z.infer<typeof Stored>[number];

/** Trusted bundle signers, in the settings table: minisign public key lines by key id. */
export class TrustedKeysRepo {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): TrustedKey[] {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    try {
      const parsed = Stored.safeParse(JSON.parse(row?.value ?? '[]'));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  }

  keys(): PublicKey[] {
    return this.list().flatMap((k) => {
      try {
        return [parsePublicKey(k.key)];
      } catch {
        return [];
      }
    });
  }

  private save(list: TrustedKey[]): void {
    this.db
      .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
      .run(KEY, JSON.stringify(list), this.now().toISOString());
  }

  /** Adds a key (the text of a .pub file); returns its id. Adding one twice keeps one. */
  add(text: string): TrustedKey {
    const pub = parsePublicKey(text);
    const entry = { id: keyIdText(pub.keyId), key: formatPublicKey(pub), addedAt: this.now().toISOString() };
    this.save([...this.list().filter((k) => k.id !== entry.id), entry]);
    return entry;
  }

  remove(id: string): boolean {
    const before = this.list();
    const after = before.filter((k) => k.id !== id.toUpperCase());
    this.save(after);
    return after.length !== before.length;
  }
}
