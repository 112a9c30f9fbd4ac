import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { JournalFileError } from './errors';
import { useTempDir } from './test-support/temp-dir';

const tempDir = useTempDir();

describe('openDatabase', () => {
  it('creates missing directories and opens in WAL mode with the settings the journal relies on', () => {
    const file = join(tempDir(), 'nested', 'data', 'journal.db');
    const db = openDatabase(file);
    try {
      expect(existsSync(file)).toBe(true);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('cache_size', { simple: true })).toBe(-16000);
    } finally {
      db.close();
    }
  });

  it('refuses a file that is not a SQLite database, names it, suggests moving it aside and leaves it as it was', () => {
    const file = join(tempDir(), 'journal.db');
    const content = 'these are my notes, not a database\n'.repeat(200);
    writeFileSync(file, content);

    let error: unknown;
    try {
      openDatabase(file).close();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(JournalFileError);
    expect((error as JournalFileError).problem).toBe('not-sqlite');
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/not a SQLite database/);
    expect((error as Error).message).toMatch(/move it aside/);
    expect(readFileSync(file, 'utf8')).toBe(content);
  });
});
