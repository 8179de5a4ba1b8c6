import type { Database } from 'better-sqlite3';

/** Numbered migrations; `PRAGMA user_version` records the last one applied. Append only. */
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'settings, labs, runs, run events',
    sql: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE labs (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        template TEXT NOT NULL,
        parameters TEXT NOT NULL DEFAULT '{}',
        engine_endpoint TEXT NOT NULL,
        ports TEXT NOT NULL DEFAULT '[]',
        state TEXT NOT NULL,
        created_at TEXT NOT NULL,
        destroyed_at TEXT
      );
      CREATE INDEX labs_state ON labs(state);
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        scenario TEXT NOT NULL,
        lab_id TEXT REFERENCES labs(id),
        mode TEXT NOT NULL,
        state TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        score REAL
      );
      CREATE TABLE run_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id TEXT NOT NULL REFERENCES runs(id),
        at TEXT NOT NULL,
        type TEXT NOT NULL,
        data TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX run_events_run ON run_events(run_id, seq);
      CREATE TRIGGER run_events_no_update BEFORE UPDATE ON run_events
        BEGIN SELECT RAISE(ABORT, 'run_events is append-only'); END;
      CREATE TRIGGER run_events_no_delete BEFORE DELETE ON run_events
        BEGIN SELECT RAISE(ABORT, 'run_events is append-only'); END;
    `,
  },
  {
    version: 2,
    name: 'lab events: alerts received, notes, service actions',
    sql: `
      CREATE TABLE lab_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        lab_id TEXT NOT NULL,
        at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        kind TEXT NOT NULL,
        source TEXT NOT NULL,
        title TEXT NOT NULL,
        data TEXT NOT NULL DEFAULT '{}',
        dedupe_key TEXT UNIQUE
      );
      CREATE INDEX lab_events_lab ON lab_events(lab_id, seq);
      CREATE TRIGGER lab_events_no_update BEFORE UPDATE ON lab_events
        BEGIN SELECT RAISE(ABORT, 'lab_events is append-only'); END;
    `,
  },
  {
    version: 3,
    name: 'fault ledger: every fault and its revert, written before the fault is applied',
    sql: `
      CREATE TABLE fault_ledger (
        id TEXT PRIMARY KEY,
        lab_id TEXT NOT NULL,
        run_id TEXT,
        kind TEXT NOT NULL,
        target_container TEXT NOT NULL,
        target_name TEXT NOT NULL,
        engine_endpoint TEXT NOT NULL,
        engine_kind TEXT NOT NULL,
        owner_pid INTEGER NOT NULL,
        owner_token TEXT NOT NULL,
        fault TEXT NOT NULL,
        revert TEXT NOT NULL,
        state TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        applied_at TEXT,
        revert_due_at TEXT,
        reverted_at TEXT,
        outcome TEXT,
        error TEXT
      );
      CREATE INDEX fault_ledger_pending ON fault_ledger(state);
      CREATE INDEX fault_ledger_run ON fault_ledger(run_id);
    `,
  },
  {
    version: 4,
    name: 'terminal recordings (asciicast files of terminals opened during a run)',
    sql: `
      CREATE TABLE terminal_recordings (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        title TEXT NOT NULL,
        file TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        exit_code INTEGER
      );
      CREATE INDEX terminal_recordings_run ON terminal_recordings(run_id, id);
    `,
  },
  {
    version: 5,
    name: 'runs: the process that drives a run (orphans become aborted), and deleting a whole run',
    sql: `
      ALTER TABLE runs ADD COLUMN pid INTEGER;
      ALTER TABLE runs ADD COLUMN deleting INTEGER NOT NULL DEFAULT 0;
      DROP TRIGGER run_events_no_delete;
      CREATE TRIGGER run_events_no_delete BEFORE DELETE ON run_events
        WHEN (SELECT deleting FROM runs WHERE id = OLD.run_id) IS NOT 1
        BEGIN SELECT RAISE(ABORT, 'run_events is append-only'); END;
    `,
  },
  {
    version: 6,
    name: 'template trust: the risks the owner accepted for one content of a template file',
    sql: `
      CREATE TABLE template_trust (
        sha256 TEXT PRIMARY KEY,
        file TEXT NOT NULL,
        risks TEXT NOT NULL DEFAULT '[]',
        trusted_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 7,
    name: 'classes: a course, seats with the hash of their join code, which seat owns which lab, messages to seats',
    sql: `
      CREATE TABLE classes (
        name TEXT PRIMARY KEY,
        course TEXT NOT NULL,
        seats INTEGER NOT NULL,
        minutes INTEGER,
        extra_minutes INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL,
        created_at TEXT NOT NULL,
        started_at TEXT,
        ended_at TEXT
      );
      CREATE TABLE class_seats (
        id TEXT PRIMARY KEY,
        class_name TEXT NOT NULL REFERENCES classes(name),
        n INTEGER NOT NULL,
        code_sha256 TEXT,
        issued_at TEXT,
        revoked_at TEXT,
        UNIQUE (class_name, n)
      );
      CREATE UNIQUE INDEX class_seats_code ON class_seats(code_sha256);
      CREATE TABLE class_seat_labs (
        lab_id TEXT PRIMARY KEY,
        seat_id TEXT NOT NULL REFERENCES class_seats(id),
        claimed_at TEXT NOT NULL
      );
      CREATE INDEX class_seat_labs_seat ON class_seat_labs(seat_id);
      CREATE TABLE class_messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        class_name TEXT NOT NULL REFERENCES classes(name),
        seat_id TEXT,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX class_messages_class ON class_messages(class_name, seq);
    `,
  },
  {
    version: 8,
    name: 'engines: registered remote engines (ssh://, tcp:// with TLS files) by name',
    sql: `
      CREATE TABLE engines (
        name TEXT PRIMARY KEY,
        endpoint TEXT NOT NULL,
        tls_ca TEXT,
        tls_cert TEXT,
        tls_key TEXT,
        ssh_config TEXT,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 9,
    name: "spokes: on a spoke, the classes it joined and its numbered outbox; on a hub, each spoke seat's events in order",
    sql: `
      CREATE TABLE spoke_joins (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        hub TEXT NOT NULL,
        seat_id TEXT NOT NULL,
        class_name TEXT NOT NULL,
        course TEXT NOT NULL,
        stream TEXT NOT NULL,
        fingerprint TEXT,
        from_seq INTEGER NOT NULL,
        copied_seq INTEGER NOT NULL,
        joined_at TEXT NOT NULL,
        UNIQUE (hub, seat_id)
      );
      CREATE TABLE spoke_outbox (
        join_id INTEGER NOT NULL REFERENCES spoke_joins(id),
        n INTEGER NOT NULL,
        run_id TEXT NOT NULL,
        type TEXT NOT NULL,
        at TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (join_id, n)
      );
      CREATE TABLE spoke_inbox (
        seat_id TEXT NOT NULL,
        stream TEXT NOT NULL,
        n INTEGER NOT NULL,
        run_id TEXT NOT NULL,
        type TEXT NOT NULL,
        at TEXT NOT NULL,
        data TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (seat_id, stream, n)
      );
    `,
  },
];

/**
 * Applies every migration newer than the file's user_version. Several processes may open a fresh
 * store at once (eight `labdeck` commands from a script): the version is read again inside an
 * exclusive transaction, so exactly one of them migrates and the others wait (busy_timeout) and
 * find nothing left to do.
 */
export function migrate(db: Database, migrations = MIGRATIONS): number[] {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  const latest = ordered.at(-1)?.version ?? 0;
  if ((db.pragma('user_version', { simple: true }) as number) >= latest) return [];
  return db
    .transaction(() => {
      const current = db.pragma('user_version', { simple: true }) as number;
      const applied: number[] = [];
      for (const m of ordered) {
        if (m.version <= current) continue;
        db.exec(m.sql);
        db.pragma(`user_version = ${m.version}`);
        applied.push(m.version);
      }
      return applied;
    })
    .exclusive();
}
