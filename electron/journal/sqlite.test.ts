import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Database, SQLITE_NOTADB, isSqliteError, sqliteCode } from './sqlite';
import { useTempDir } from './test-support/temp-dir';

const tempDir = useTempDir();
const open: Database[] = [];

function table(file = ':memory:'): Database {
  const db = new Database(file);
  open.push(db);
  db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)');
  return db;
}

const names = (db: Database) => db.prepare('SELECT name FROM t ORDER BY id').pluck().all();

afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

describe('the SQLite driver module', () => {
  it('binds positional and named values and reports changes and the new row id', () => {
    const db = table();
    const insert = db.prepare('INSERT INTO t (name) VALUES (?)');
    expect(insert.run('a')).toEqual({ changes: 1, lastInsertRowid: 1 });
    const named = db.prepare('INSERT INTO t (name) VALUES (@name)').run({ name: 'b' });
    expect(Number(named.lastInsertRowid)).toBe(2);
    expect({ ...(db.prepare('SELECT id, name FROM t WHERE name = ?').get('b') as object) }).toEqual({
      id: 2,
      name: 'b',
    });
    expect(db.prepare('SELECT name FROM t WHERE name = ?').get('nobody')).toBeUndefined();
  });

  it('plucks the first column for get, all and iterate, without changing the statement it came from', () => {
    const db = table();
    db.exec("INSERT INTO t (name) VALUES ('a'), ('b')");
    const select = db.prepare('SELECT name, id FROM t ORDER BY id');
    expect(select.pluck().all()).toEqual(['a', 'b']);
    expect(select.pluck().get()).toBe('a');
    expect([...select.pluck().iterate()]).toEqual(['a', 'b']);
    expect(select.all().map((row) => ({ ...(row as object) }))).toEqual([
      { name: 'a', id: 1 },
      { name: 'b', id: 2 },
    ]);
  });

  it('commits a transaction, and rolls all of it back when its function throws', () => {
    const db = table();
    const insert = db.prepare('INSERT INTO t (name) VALUES (?)');
    expect(db.transaction(() => insert.run('kept').changes)()).toBe(1);
    expect(() =>
      db.transaction(() => {
        insert.run('lost');
        insert.run('kept'); // UNIQUE fails: the whole transaction goes
      })(),
    ).toThrow(/UNIQUE/);
    expect(names(db)).toEqual(['kept']);
    expect(db.inTransaction).toBe(false);
  });

  it('nests transactions as savepoints: an inner failure undoes only the inner writes', () => {
    const db = table();
    const insert = db.prepare('INSERT INTO t (name) VALUES (?)');
    db.transaction(() => {
      insert.run('outer');
      expect(() =>
        db.transaction(() => {
          insert.run('inner');
          throw new Error('inner step failed');
        })(),
      ).toThrow('inner step failed');
      insert.run('after');
    })();
    expect(names(db)).toEqual(['outer', 'after']);
  });

  it('takes the write lock at BEGIN with immediate(), so a second connection waits instead of interleaving', () => {
    const file = join(tempDir(), 'lock.db');
    const first = table(file);
    first.exec('PRAGMA journal_mode = WAL');
    const second = table(file);
    second.pragma('busy_timeout = 0');
    first
      .transaction(() => {
        expect(() =>
          second.transaction(() => second.prepare("INSERT INTO t (name) VALUES ('x')").run()).immediate(),
        ).toThrow(/locked|busy/i);
      })
      .immediate();
    expect(names(second)).toEqual([]);
  });

  it('reads pragmas as rows or, with simple, as one value', () => {
    const db = table();
    db.pragma('foreign_keys = ON');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('table_info(t)')).toHaveLength(2);
  });

  it('opens read-only when asked: writes are refused', () => {
    const file = join(tempDir(), 'ro.db');
    table(file).prepare("INSERT INTO t (name) VALUES ('a')").run();
    const reader = new Database(file, { readOnly: true });
    open.push(reader);
    expect(names(reader)).toEqual(['a']);
    expect(() => reader.exec("INSERT INTO t (name) VALUES ('b')")).toThrow(/readonly/i);
  });

  it("tells SQLite's own errors apart by result code", () => {
    const file = join(tempDir(), 'not-a-db.db');
    writeFileSync(file, 'this is a text file, long enough to have a header of sorts'.repeat(20));
    const db = new Database(file);
    open.push(db);
    let caught: unknown;
    try {
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (error) {
      caught = error;
    }
    expect(isSqliteError(caught)).toBe(true);
    expect(isSqliteError(caught) && sqliteCode(caught)).toBe(SQLITE_NOTADB);
    expect(isSqliteError(new Error('plain'))).toBe(false);
  });

  it('closes once; a second close is harmless', () => {
    const db = new Database(':memory:');
    db.close();
    expect(db.open).toBe(false);
    expect(() => db.close()).not.toThrow();
  });
});
