import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from './journal';
import { useTempDir } from './test-support/temp-dir';

const tempDir = useTempDir();

describe('pruning old output', () => {
  it('deletes output chunks of old, ended actions and keeps intent, steps and result', () => {
    let now = Date.parse('2025-01-01T00:00:00.000Z');
    const journal = openJournal({ file: join(tempDir(), 'journal.db'), now: () => new Date(now) });

    const old = journal.begin({ kind: 'deploy.run', title: 'Old deploy' });
    old.step('Build');
    for (let i = 0; i < 50; i++) old.output(`${'log line '.repeat(1000)}${i}\n`);
    old.succeed('Deployed');
    const oldStillRunning = journal.begin({ kind: 'drill.run', title: 'Drill that never ended' });
    oldStillRunning.output('waiting for restore\n');

    now += 40 * 86_400_000;
    const recent = journal.begin({ kind: 'deploy.run', title: 'Recent deploy' });
    recent.output('fresh output\n');
    recent.succeed('Deployed');

    expect(journal.pruneOutput({ olderThanDays: 30 })).toEqual({ entries: 50, actions: 1 });

    expect(journal.get(old.id)?.entries.map((e) => [e.phase, e.message])).toEqual([
      ['intent', 'Old deploy'],
      ['step', 'Build'],
      ['result', 'Deployed'],
    ]);
    expect(journal.get(old.id)?.action).toMatchObject({ status: 'succeeded', summary: 'Deployed' });
    expect(journal.get(oldStillRunning.id)?.entries.map((e) => e.phase)).toEqual(['intent', 'output']);
    expect(journal.get(recent.id)?.entries.map((e) => e.phase)).toEqual(['intent', 'output', 'result']);
    expect(journal.pruneOutput({ olderThanDays: 30 })).toEqual({ entries: 0, actions: 0 });
    journal.close();
  });

  it('refuses a negative age', () => {
    const journal = openJournal({ file: join(tempDir(), 'journal.db') });
    expect(() => journal.pruneOutput({ olderThanDays: -1 })).toThrow(/0 or more/);
    journal.close();
  });
});
