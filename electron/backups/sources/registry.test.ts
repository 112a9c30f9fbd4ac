import { describe, expect, it } from 'vitest';
import { backupSourceSchema } from '../../../shared/workspace/backups';
import { globToRegExp, newestFirst } from './run';
import { kindFor, sourceKinds } from './registry';

describe('the source kinds', () => {
  it('has one kind per source, each accepting its own sources only', () => {
    const sources = [
      { dir: '/srv/backups' },
      { s3: 's3://acme/pg/' },
      { restic: '/srv/restic', password: 'env:RESTIC_PASSWORD' },
      { pgbackrest: 'main' },
      { command: 'list-backups --json' },
    ].map((s) => backupSourceSchema.parse(s));
    expect(sources.map((s) => kindFor(s).kind)).toEqual(['dir', 's3', 'restic', 'pgbackrest', 'command']);
    for (const s of sources) expect(sourceKinds.filter((k) => k.accepts(s))).toEqual([kindFor(s)]);
  });

  it('matches file-name globs as the shell does', () => {
    const glob = globToRegExp('orders-[0-9]?.dump*');
    expect(glob.test('orders-12.dump')).toBe(true);
    expect(glob.test('orders-12.dump.gz')).toBe(true);
    expect(glob.test('orders-a2.dump')).toBe(false);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
    expect(globToRegExp('[!x]*').test('x1')).toBe(false);
  });

  it('sorts newest first, ties by id', () => {
    const at = (id: string, time: string) => ({ id, time, size: null, location: id });
    expect(
      newestFirst([
        at('b', '2026-12-01T00:00:00Z'),
        at('c', '2026-12-02T00:00:00Z'),
        at('a', '2026-12-01T00:00:00Z'),
      ]).map((c) => c.id),
    ).toEqual(['c', 'a', 'b']);
  });
});
