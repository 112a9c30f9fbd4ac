import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { applyFeatureSchema, featureSchemaVersion } from './feature-schema';
import { type Migration } from './migrations/types';
import { useTempDir } from './test-support/temp-dir';

const tempDir = useTempDir();

const one: Migration = { version: 1, name: 'things', up: (db) => db.exec('CREATE TABLE things (id TEXT) STRICT') };
const two: Migration = { version: 2, name: 'more', up: (db) => db.exec('ALTER TABLE things ADD COLUMN n INTEGER') };

describe('feature-owned tables', () => {
  it('are created once per owner, step by step, and kept across opens', () => {
    const file = join(tempDir(), 'journal.db');
    const db = openDatabase(file);
    expect(applyFeatureSchema(db, { owner: 'widgets', migrations: [one] })).toEqual(['widgets 1-things']);
    expect(applyFeatureSchema(db, { owner: 'widgets', migrations: [one] })).toEqual([]);
    expect(applyFeatureSchema(db, { owner: 'widgets', migrations: [one, two] })).toEqual(['widgets 2-more']);
    db.prepare('INSERT INTO things (id, n) VALUES (?, ?)').run('a', 1);
    db.close();
    const again = openDatabase(file);
    expect(featureSchemaVersion(again, 'widgets')).toBe(2);
    expect(featureSchemaVersion(again, 'gadgets')).toBe(0);
    again.close();
  });

  it('leave the previous version when a step fails, and say which', () => {
    const db = openDatabase(join(tempDir(), 'journal.db'));
    const broken: Migration = { version: 2, name: 'broken', up: (d) => d.exec('ALTER TABLE nowhere ADD COLUMN x') };
    applyFeatureSchema(db, { owner: 'widgets', migrations: [one] });
    expect(() => applyFeatureSchema(db, { owner: 'widgets', migrations: [one, broken] })).toThrow(
      /widgets tables to version 2 \(broken\).*left at the previous version/,
    );
    expect(featureSchemaVersion(db, 'widgets')).toBe(1);
    db.close();
  });

  it('refuse tables made by a newer build', () => {
    const db = openDatabase(join(tempDir(), 'journal.db'));
    applyFeatureSchema(db, { owner: 'widgets', migrations: [one, two] });
    expect(() => applyFeatureSchema(db, { owner: 'widgets', migrations: [one] })).toThrow(/newer Cockpit/);
    db.close();
  });
});
