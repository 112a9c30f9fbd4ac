import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Database, openDatabase } from './database';
import { JournalFileError } from './errors';
import { openJournal } from './journal';
import { checkMigrationList, migrate, migrations, schemaVersion } from './migrations';
import { journal001 } from './migrations/001-journal';
import { type Migration } from './migrations/types';

/** The mechanism is tested on the journal's own first migration, so features adding theirs change nothing here. */
const base: readonly Migration[] = [journal001];
import { useTempDir } from './test-support/temp-dir';

const tempDir = useTempDir();

function withDb<T>(file: string, use: (db: Database) => T): T {
  const db = openDatabase(file);
  try {
    return use(db);
  } finally {
    db.close();
  }
}

const names = (db: Database, type: string) =>
  (db.prepare('SELECT name FROM sqlite_schema WHERE type = ? ORDER BY name').all(type) as { name: string }[]).map(
    (r) => r.name,
  );

describe('migrations', () => {
  it('the app’s list is numbered 1, 2, 3 … without gaps', () => {
    expect(() => checkMigrationList(migrations)).not.toThrow();
    expect(migrations[0]?.version).toBe(1);
  });

  it('bring an empty file to the latest version with the journal tables, view and indices', () => {
    const file = join(tempDir(), 'journal.db');
    const result = withDb(file, (db) => migrate(db));
    expect(result).toEqual({
      from: 0,
      to: migrations.length,
      applied: migrations.map((m) => `${m.version}-${m.name}`),
    });
    withDb(file, (db) => {
      expect(names(db, 'table')).toEqual(
        expect.arrayContaining(['actions', 'action_entries', 'settings', 'schema_migrations']),
      );
      expect(names(db, 'view')).toContain('action_status');
      expect(names(db, 'index')).toEqual(expect.arrayContaining(['actions_newest', 'actions_kind_newest']));
      expect(db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual(
        migrations.map(({ version, name }) => ({ version, name })),
      );
    });
  });

  it('re-opening is idempotent and keeps what was written', () => {
    const file = join(tempDir(), 'journal.db');
    const first = openJournal({ file });
    const id = first.begin({ kind: 'workspace.open', title: 'Open cockpit.yaml' }).id;
    first.close();

    for (let i = 0; i < 3; i++) {
      const again = openJournal({ file });
      expect(again.get(id)?.action.title).toBe('Open cockpit.yaml');
      again.close();
    }
    withDb(file, (db) => {
      const latest = migrations.length;
      expect(migrate(db)).toEqual({ from: latest, to: latest, applied: [] });
      expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: latest });
    });
  });

  it('apply only the new migrations to an older file, in order', () => {
    const file = join(tempDir(), 'journal.db');
    withDb(file, (db) => migrate(db, base));
    const deploys: Migration = {
      version: 2,
      name: 'deploys',
      up: (db) => db.exec('CREATE TABLE deploys (id TEXT PRIMARY KEY) STRICT'),
    };
    const result = withDb(file, (db) => migrate(db, [...base, deploys]));
    expect(result).toEqual({ from: 1, to: 2, applied: ['2-deploys'] });
    withDb(file, (db) => expect(names(db, 'table')).toContain('deploys'));
  });

  it('roll a failing migration back completely and leave the file at the previous version', () => {
    const file = join(tempDir(), 'journal.db');
    withDb(file, (db) => migrate(db, base));
    const broken: Migration = {
      version: 2,
      name: 'half-done',
      up: (db) => {
        db.exec('CREATE TABLE half_done (id INTEGER) STRICT');
        throw new Error('disk said no');
      },
    };
    withDb(file, (db) => {
      expect(() => migrate(db, [...base, broken])).toThrow(/version 2 \(half-done\): disk said no.*previous version/);
      expect(schemaVersion(db)).toBe(1);
      expect(names(db, 'table')).not.toContain('half_done');
    });
  });

  it('refuse a file made by a newer Cockpit, saying so, and leave the file alone', () => {
    const file = join(tempDir(), 'journal.db');
    withDb(file, (db) => {
      migrate(db);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (70, 'from-the-future', 'x')").run();
    });
    let error: unknown;
    try {
      openJournal({ file }).close();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(JournalFileError);
    expect((error as JournalFileError).problem).toBe('newer-schema');
    expect((error as Error).message).toMatch(
      new RegExp(`made by a newer Cockpit \\(schema version 70; this version knows up to ${migrations.length}\\)`),
    );
    expect((error as Error).message).toContain(file);
    withDb(file, (db) => expect(schemaVersion(db)).toBe(70));
  });

  it('reject a list with a gap or a duplicate version', () => {
    const noop = () => undefined;
    expect(() =>
      checkMigrationList([
        { version: 1, name: 'a', up: noop },
        { version: 3, name: 'c', up: noop },
      ]),
    ).toThrow(/"c" has version 3; expected 2/);
    expect(() =>
      checkMigrationList([
        { version: 1, name: 'a', up: noop },
        { version: 1, name: 'b', up: noop },
      ]),
    ).toThrow(/"b" has version 1; expected 2/);
  });

  it('refuse a non-SQLite journal file with a message naming it', () => {
    const file = join(tempDir(), 'journal.db');
    writeFileSync(file, '{"this": "is json"}');
    expect(() => openJournal({ file })).toThrow(/journal\.db is not a SQLite database.*move it aside/);
  });
});

describe('the schema keeps the log append-only', () => {
  it('refuses to update or delete actions and entries, except deleting output entries', () => {
    const file = join(tempDir(), 'journal.db');
    const journal = openJournal({ file });
    const action = journal.begin({ kind: 'deploy.run', title: 'Deploy' });
    action.output('log line\n');
    action.succeed('Deployed');
    journal.close();

    withDb(file, (db) => {
      expect(() => db.prepare("UPDATE actions SET title = 'rewritten'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM actions').run()).toThrow(/append-only/);
      expect(() => db.prepare("UPDATE action_entries SET message = 'rewritten'").run()).toThrow(/append-only/);
      expect(() => db.prepare("DELETE FROM action_entries WHERE phase = 'result'").run()).toThrow(
        /only output entries/,
      );
      expect(db.prepare("DELETE FROM action_entries WHERE phase = 'output'").run().changes).toBe(1);
    });
  });

  it('allows one result per action', () => {
    const file = join(tempDir(), 'journal.db');
    const journal = openJournal({ file });
    const { id } = journal.begin({ kind: 'deploy.run', title: 'Deploy' });
    journal.close();
    withDb(file, (db) => {
      const insert = db.prepare(
        "INSERT INTO action_entries (action_id, at, phase, message, status) VALUES (?, 'x', 'result', 'done', 'succeeded')",
      );
      insert.run(id);
      expect(() => insert.run(id)).toThrow(/UNIQUE/);
    });
  });
});
