import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CockpitError } from '../../shared/rpc';
import { openJournal } from './journal';
import { useTempDir } from './test-support/temp-dir';

const tempDir = useTempDir();

/** Midnights of 14 days ending 12 March 2025 (UTC, so the test reads the same everywhere). */
const starts = Array.from({ length: 14 }, (_, i) => new Date(Date.UTC(2025, 1, 27 + i)).toISOString());
const end = new Date(Date.UTC(2025, 2, 13)).toISOString();

describe('counting actions by day for the Activity chart', () => {
  it('counts every action of 14 days by how it went, empty days included, however many are on one day', () => {
    let at = '2025-02-20T10:00:00.000Z';
    const journal = openJournal({ file: join(tempDir(), 'journal.db'), actor: 'alice', now: () => new Date(at) });
    const write = (time: string, finish: (a: ReturnType<typeof journal.begin>) => void, kind = 'deploy.run') => {
      at = time;
      finish(journal.begin({ kind, title: 'Something' }));
    };
    write('2025-02-26T23:59:59.999Z', (a) => a.succeed('Too old'));
    write('2025-02-27T00:00:00.000Z', (a) => a.succeed('First day, first moment'));
    write('2025-03-01T08:00:00.000Z', (a) => a.fail('Exit code 1'));
    write(
      '2025-03-01T09:00:00.000Z',
      (a) => a.succeed('Down', { outcome: { word: 'down', tone: 'bad' } }),
      'health.alert',
    );
    write('2025-03-01T10:00:00.000Z', (a) => a.succeed('Flapping', { outcome: { word: 'flapping', tone: 'warn' } }));
    write('2025-03-05T10:00:00.000Z', (a) => a.cancel('Stopped'));
    // A busy last day: far more than one page of the list.
    for (let i = 0; i < 600; i++)
      write(`2025-03-12T10:${String(i % 60).padStart(2, '0')}:00.000Z`, (a) => a.succeed('Fine'));
    write('2025-03-12T23:00:00.000Z', () => undefined);
    write('2025-03-13T00:00:00.000Z', (a) => a.succeed('Tomorrow'));

    const days = journal.countByDay?.({ starts, end }) ?? [];
    expect(days.map((d) => d.start)).toEqual(starts);
    expect(days[0]).toMatchObject({ total: 1, ok: 1 });
    expect(days[2]).toMatchObject({ total: 3, ok: 0, bad: 2, warn: 1 });
    expect(days[6]).toMatchObject({ total: 1, info: 1 });
    expect(days[13]).toMatchObject({ total: 601, ok: 600, running: 1 });
    expect(days.filter((d) => d.total === 0)).toHaveLength(10);
    journal.close();
  });

  it('refuses days out of order in words', () => {
    const journal = openJournal({ file: join(tempDir(), 'journal.db'), actor: 'alice' });
    expect(() => journal.countByDay?.({ starts: [...starts].reverse(), end })).toThrow(CockpitError);
    expect(() => journal.countByDay?.({ starts, end: starts[0] ?? '' })).toThrow(/oldest first/);
    journal.close();
  });
});
