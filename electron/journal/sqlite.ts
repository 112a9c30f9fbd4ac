/**
 * The one file that touches the SQLite driver: Node's built-in `node:sqlite` (Node ≥ 22.13, where it needs no flag,
 * and Electron's bundled Node), so neither the CLI nor the desktop app needs a native module compiled for its runtime. Everything else
 * uses the small surface below — prepared statements, `exec`, `pragma` and transactions — so changing the driver
 * again means changing this file only.
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';

/** A value SQLite can bind: null, a number, a bigint, text or bytes. */
export type SqlValue = SQLInputValue;
/** Positional values, or one object of named values (`@name`, `:name` or `$name` in the SQL) first. */
export type SqlParams = SqlValue[] | [Record<string, SqlValue>, ...SqlValue[]];

export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface OpenSqliteOptions {
  /** Open an existing file for reading only (another process's view, in tests). */
  readOnly?: boolean;
}

/** An error raised by SQLite itself, with its primary result code (SQLITE_NOTADB is 26, SQLITE_CORRUPT 11, SQLITE_FULL 13). */
export interface SqliteError extends Error {
  errcode: number;
  errstr: string;
}

export const SQLITE_CORRUPT = 11;
export const SQLITE_FULL = 13;
export const SQLITE_NOTADB = 26;

export function isSqliteError(error: unknown): error is SqliteError {
  return error instanceof Error && (error as { code?: unknown }).code === 'ERR_SQLITE_ERROR' && 'errcode' in error;
}

/** The primary result code (extended codes carry it in the low byte). */
export function sqliteCode(error: SqliteError): number {
  return error.errcode & 0xff;
}

/**
 * A prepared statement. Rows come back as ordinary objects keyed by column name.
 *
 * node:sqlite builds its row objects in C++ with a null prototype, which V8 keeps in dictionary mode: every
 * property read is a hash lookup and every row is larger. Where the driver can return rows as arrays (Node 24+),
 * the rows are made here instead, one property at a time in column order, so every row of a statement shares one
 * hidden class — reading health history went about twice as fast and its heap a third smaller.
 */
export class Statement<Row = unknown> {
  readonly #statement: StatementSync;
  readonly #plucked: boolean;
  #read: ((row: unknown) => unknown) | undefined;

  constructor(statement: StatementSync, plucked = false) {
    this.#statement = statement;
    this.#plucked = plucked;
  }

  run(...params: SqlParams): RunResult {
    const { changes, lastInsertRowid } = this.#statement.run(...(params as SqlValue[]));
    return { changes: Number(changes), lastInsertRowid };
  }

  get(...params: SqlParams): Row | undefined {
    const read = this.#reader();
    const row = this.#statement.get(...(params as SqlValue[]));
    return (row === undefined ? undefined : read(row)) as Row | undefined;
  }

  all(...params: SqlParams): Row[] {
    const read = this.#reader();
    return this.#statement.all(...(params as SqlValue[])).map(read) as Row[];
  }

  *iterate(...params: SqlParams): Generator<Row> {
    const read = this.#reader();
    for (const row of this.#statement.iterate(...(params as SqlValue[]))) yield read(row) as Row;
  }

  /** The same statement returning each row's first column instead of the row (`SELECT id …` → ids). */
  pluck<Value = unknown>(): Statement<Value> {
    return new Statement<Value>(this.#statement, true);
  }

  /** Decided on the first read, not at prepare: most statements only write, and need no column names. */
  #reader(): (row: unknown) => unknown {
    return (this.#read ??= rowReader(this.#statement, this.#plucked));
  }
}

/** Array rows, when this Node has them (setReturnArrays and columns(): Node 24); else the driver's own objects. */
function rowReader(statement: StatementSync, plucked: boolean): (row: unknown) => unknown {
  const driver = statement as Partial<Pick<StatementSync, 'setReturnArrays' | 'columns'>>;
  if (typeof driver.setReturnArrays !== 'function' || typeof driver.columns !== 'function') {
    return plucked ? (row) => firstColumn(row as object) : (row) => row;
  }
  // Idempotent, and every wrapper of this statement (plucked or not) takes this same branch.
  driver.setReturnArrays.call(statement, true);
  if (plucked) return (row) => (row as unknown[])[0];
  const names = driver.columns.call(statement).map((column) => column.name);
  return (row) => {
    const values = row as unknown[];
    const object: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) object[names[i] as string] = values[i];
    return object;
  };
}

function firstColumn(row: object): unknown {
  for (const key in row) return (row as Record<string, unknown>)[key];
  return undefined;
}

/** `fn` in a transaction; `.immediate()` takes the write lock at BEGIN (migrations, read-then-write jobs). */
export interface Transaction<T> {
  (): T;
  deferred(): T;
  immediate(): T;
  exclusive(): T;
}

export class Database {
  readonly name: string;
  readonly #db: DatabaseSync;
  #open = true;
  /** Nesting depth: an inner transaction becomes a savepoint, so a helper can wrap its writes either way. */
  #depth = 0;

  constructor(file: string, options: OpenSqliteOptions = {}) {
    this.name = file;
    // Foreign keys and the busy timeout are set by the caller through pragmas, the same on every driver.
    this.#db = new DatabaseSync(file, { readOnly: options.readOnly ?? false, enableForeignKeyConstraints: false });
  }

  get open(): boolean {
    return this.#open;
  }

  get inTransaction(): boolean {
    return this.#depth > 0;
  }

  prepare<Row = unknown>(sql: string): Statement<Row> {
    return new Statement<Row>(this.#db.prepare(sql));
  }

  exec(sql: string): void {
    this.#db.exec(sql);
  }

  /** `PRAGMA source`: every row, or with `simple` the first column of the first row. */
  pragma(source: string, options: { simple?: boolean } = {}): unknown {
    const rows = this.#db.prepare(`PRAGMA ${source}`).all();
    return options.simple ? (rows[0] === undefined ? undefined : firstColumn(rows[0])) : rows;
  }

  transaction<T>(fn: () => T): Transaction<T> {
    const run = (begin: string) => () => this.#inTransaction(begin, fn);
    return Object.assign(run('BEGIN'), {
      deferred: run('BEGIN DEFERRED'),
      immediate: run('BEGIN IMMEDIATE'),
      exclusive: run('BEGIN EXCLUSIVE'),
    });
  }

  close(): void {
    if (!this.#open) return;
    this.#open = false;
    this.#db.close();
  }

  #inTransaction<T>(begin: string, fn: () => T): T {
    const savepoint = this.#depth > 0 ? `cockpit_${this.#depth}` : null;
    this.#db.exec(savepoint ? `SAVEPOINT ${savepoint}` : begin);
    this.#depth++;
    try {
      const result = fn();
      this.#db.exec(savepoint ? `RELEASE ${savepoint}` : 'COMMIT');
      return result;
    } catch (error) {
      // SQLite may already have rolled back on its own (some errors end the transaction); then there is nothing
      // left to undo, and the second ROLLBACK's own error would hide the real one.
      this.#quietly(savepoint ? `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}` : 'ROLLBACK');
      throw error;
    } finally {
      this.#depth--;
    }
  }

  #quietly(sql: string): void {
    try {
      this.#db.exec(sql);
    } catch {
      // See #inTransaction: the original error is the one worth reporting.
    }
  }
}
