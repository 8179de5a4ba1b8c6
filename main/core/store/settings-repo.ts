import type { Database } from 'better-sqlite3';
import { DEFAULT_SETTINGS, Settings, type SettingsPatch } from '../../api/schemas/settings';

/** Settings as key/value rows; a stored value that no longer parses falls back to its default. */
export class SettingsRepo {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const row of rows) {
      if (!(row.key in DEFAULT_SETTINGS)) continue;
      const field = Settings.shape[row.key as keyof Settings];
      try {
        const parsed = field.safeParse(JSON.parse(row.value));
        if (parsed.success) merged[row.key] = parsed.data;
      } catch {
        // unreadable value: keep the default
      }
    }
    return Settings.parse(merged);
  }

  update(patch: SettingsPatch): Settings {
    const upsert = this.db.prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    const at = this.now().toISOString();
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (value !== undefined) upsert.run(key, JSON.stringify(value), at);
      }
    })();
    return this.get();
  }
}
