import { join } from 'node:path';
import { Database } from './sqlite';
import { describe, expect, it, vi } from 'vitest';
import { type JournalAction, type JournalEntry } from '../../shared/model/journal';
import { openJournal, type OpenJournalOptions } from './journal';
import { MAX_TEXT_BYTES } from './limits';
import { useTempDir } from './test-support/temp-dir';

const tempDir = useTempDir();

/** A clock that moves only when told to, so durations are exact. */
function fakeClock(start = '2025-03-01T10:00:00.000Z') {
  let time = Date.parse(start);
  return { now: () => new Date(time), advance: (ms: number) => void (time += ms) };
}

function open(options: Partial<OpenJournalOptions> = {}) {
  return openJournal({ file: join(tempDir(), 'journal.db'), actor: 'alice', ...options });
}

describe('an action in the journal', () => {
  it("reads one action's detail with the same status, end and summary as the list (the action_status view)", () => {
    const clock = fakeClock();
    const journal = open({ now: clock.now });
    const running = journal.begin({ kind: 'deploy.run', title: 'Still going' });
    running.step('Uploading');
    const ok = journal.begin({ kind: 'deploy.run', title: 'Fine' });
    clock.advance(1_200);
    ok.succeed('Deployed');
    const bad = journal.begin({ kind: 'deploy.run', title: 'Broken' });
    bad.output('npm ERR!\n');
    clock.advance(300);
    bad.fail('Exit code 1');
    const stopped = journal.begin({ kind: 'rollback.run', title: 'Stopped' });
    stopped.cancel('Cancelled by alice');

    const listed = journal.list({ limit: 10 }).actions;
    expect(listed).toHaveLength(4);
    for (const action of listed) expect(journal.get(action.id)?.action).toEqual(action);
    expect(listed.map((a) => a.status).sort()).toEqual(['cancelled', 'failed', 'running', 'succeeded']);
  });

  it('goes intent → steps → output → result, with status and duration derived from its entries', () => {
    const clock = fakeClock();
    const journal = open({ now: clock.now });
    const action = journal.begin({
      kind: 'deploy.run',
      title: 'Deploy api to staging',
      target: 'api@staging',
      data: { release: '8b71ff7' },
    });

    expect(journal.get(action.id)?.action).toMatchObject({ status: 'running', endedAt: null, durationMs: null });

    clock.advance(1_000);
    action.step('Uploading release', { host: 'stg-1' });
    clock.advance(500);
    action.output('added 312 packages\n', { stream: 'stdout' });
    clock.advance(2_000);
    const ended = action.succeed('Deployed 8b71ff7', { healthy: true });

    expect(ended).toEqual({
      id: action.id,
      kind: 'deploy.run',
      title: 'Deploy api to staging',
      target: 'api@staging',
      actor: 'alice',
      status: 'succeeded',
      startedAt: '2025-03-01T10:00:00.000Z',
      endedAt: '2025-03-01T10:00:03.500Z',
      durationMs: 3_500,
      summary: 'Deployed 8b71ff7',
    });
    const found = journal.get(action.id);
    expect(found?.action).toEqual(ended);
    expect(found?.entries.map((e) => [e.phase, e.message, e.data])).toEqual([
      ['intent', 'Deploy api to staging', { release: '8b71ff7' }],
      ['step', 'Uploading release', { host: 'stg-1' }],
      ['output', 'added 312 packages\n', { stream: 'stdout' }],
      ['result', 'Deployed 8b71ff7', { healthy: true }],
    ]);
    const seqs = found?.entries.map((e) => e.seq) ?? [];
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    journal.close();
  });

  it('records failures and cancellations, and ending twice changes nothing', () => {
    const journal = open();
    const failed = journal.begin({ kind: 'deploy.run', title: 'Deploy' });
    expect(failed.fail('Health gate failed: api-ready returned 503').status).toBe('failed');
    expect(failed.succeed('too late').status).toBe('failed');
    failed.step('a step after the end');

    const cancelled = journal.begin({ kind: 'drill.run', title: 'Drill' });
    expect(cancelled.cancel('Cancelled by alice')).toMatchObject({
      status: 'cancelled',
      summary: 'Cancelled by alice',
    });

    const entries = journal.get(failed.id)?.entries ?? [];
    expect(entries.map((e) => e.phase)).toEqual(['intent', 'result']);
    expect(entries[1]?.message).toBe('Health gate failed: api-ready returned 503');
    journal.close();
  });

  it('uses the intent’s actor when given, the journal’s otherwise', () => {
    const journal = open();
    journal.begin({ kind: 'deploy.run', title: 'From the CLI', actor: 'cli:bob' });
    journal.begin({ kind: 'deploy.run', title: 'From the app' });
    expect(
      journal
        .list({ limit: 10 })
        .actions.map((a) => a.actor)
        .sort(),
    ).toEqual(['alice', 'cli:bob']);
    journal.close();
  });

  it('defaults the actor to the OS user', () => {
    const journal = openJournal({ file: join(tempDir(), 'journal.db') });
    const { id } = journal.begin({ kind: 'app.start', title: 'Start' });
    expect(journal.get(id)?.action.actor).toMatch(/\S/);
    journal.close();
  });

  it('keeps the tail of a huge output chunk, with a marker saying how much was cut', () => {
    const journal = open();
    const action = journal.begin({ kind: 'deploy.run', title: 'Noisy build' });
    const huge = `${'x'.repeat(3 * 1024 * 1024)}\nBUILD FAILED: missing module left-pad\n`;
    action.output(huge);
    action.output('é'.repeat(MAX_TEXT_BYTES)); // two bytes each: the cut must not split a character
    const outputs = journal.get(action.id)?.entries.filter((e) => e.phase === 'output') ?? [];
    const [first, second] = outputs.map((e) => e.message);
    expect(Buffer.byteLength(first ?? '')).toBeLessThan(MAX_TEXT_BYTES + 200);
    expect(first).toMatch(/^\[… \d+ earlier bytes cut; the last \d+ bytes are kept\]\n/);
    expect(first?.endsWith('BUILD FAILED: missing module left-pad\n')).toBe(true);
    expect(second).toMatch(/^\[… \d+ earlier bytes cut/);
    expect(second?.split('\n')[1]).toMatch(/^é+$/);
    journal.close();
  });

  it('stores data JSON cannot hold as plain values', () => {
    const journal = open();
    const action = journal.begin({ kind: 'x.y', title: 'T', data: { error: new Error('boom'), big: 12n } });
    expect(journal.get(action.id)?.entries[0]?.data).toEqual({ error: { name: 'Error', message: 'boom' }, big: '12' });
    journal.close();
  });

  it('returns undefined for an unknown id', () => {
    const journal = open();
    expect(journal.get('no-such-action')).toBeUndefined();
    journal.close();
  });
});

describe('listing actions', () => {
  function seed(count: number) {
    const clock = fakeClock();
    const journal = open({ now: clock.now });
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const kind = i % 3 === 0 ? 'deploy.run' : 'workspace.open';
      ids.push(journal.begin({ kind, title: `action ${i}` }).id);
      // Every other pair shares a millisecond, so paging must not lose or repeat actions on a tie.
      if (i % 2 === 1) clock.advance(1_000);
    }
    return { journal, ids };
  }

  it('lists newest first, a page at a time, with hasMore', () => {
    const { journal } = seed(7);
    const first = journal.list({ limit: 3 });
    expect(first.actions.map((a) => a.title)).toEqual([
      'action 6',
      expect.stringMatching(/action [45]/),
      expect.stringMatching(/action [45]/),
    ]);
    expect(first.hasMore).toBe(true);
    expect(journal.list({ limit: 7 }).hasMore).toBe(false);
    journal.close();
  });

  it('pages back by the last action’s id without losing or repeating actions started in the same millisecond', () => {
    const { journal } = seed(11);
    const seen: string[] = [];
    let before: string | undefined;
    for (let page = 0; page < 10; page++) {
      const { actions, hasMore } = journal.list({ limit: 3, before });
      seen.push(...actions.map((a) => a.title));
      if (!hasMore) break;
      before = actions.at(-1)?.id;
    }
    expect(seen).toHaveLength(11);
    expect(new Set(seen).size).toBe(11);
    journal.close();
  });

  it('pages back by time (the contract’s ISO `before`)', () => {
    const { journal } = seed(6);
    const all = journal.list({ limit: 100 }).actions;
    const oldestOfNewest = all[1]?.startedAt ?? '';
    const older = journal.list({ limit: 100, before: oldestOfNewest }).actions;
    expect(older.every((a) => a.startedAt < oldestOfNewest)).toBe(true);
    expect(older).toHaveLength(4);
    expect(() => journal.list({ limit: 5, before: 'yesterday-ish' })).toThrow(/ISO time or an action id/);
    journal.close();
  });

  it('filters by kind', () => {
    const { journal } = seed(7);
    const deploys = journal.list({ limit: 10, kind: 'deploy.run' });
    expect(deploys.actions.map((a) => a.title)).toEqual(['action 6', 'action 3', 'action 0']);
    expect(deploys.hasMore).toBe(false);
    expect(journal.list({ limit: 2, kind: 'deploy.run' }).hasMore).toBe(true);
    expect(journal.list({ limit: 10, kind: 'backup.verify' }).actions).toEqual([]);
    journal.close();
  });
});

describe('listeners', () => {
  it('hear every action and entry, after the write is committed', () => {
    const file = join(tempDir(), 'journal.db');
    const heard: string[] = [];
    const reader = () => new Database(file, { readOnly: true });
    const committed = (entry: JournalEntry) => {
      const db = reader();
      try {
        return db.prepare('SELECT 1 FROM action_entries WHERE seq = ?').get(entry.seq) !== undefined;
      } finally {
        db.close();
      }
    };
    const journal = openJournal({
      file,
      listeners: {
        onAction: (action: JournalAction) => heard.push(`action:${action.status}`),
        onEntry: (entry) => heard.push(`entry:${entry.phase}:${committed(entry) ? 'committed' : 'NOT committed'}`),
      },
    });
    const action = journal.begin({ kind: 'deploy.run', title: 'Deploy' });
    action.step('step');
    action.output('out');
    action.succeed('done');
    action.succeed('again');
    expect(heard).toEqual([
      'action:running',
      'entry:intent:committed',
      'entry:step:committed',
      'entry:output:committed',
      'entry:result:committed',
      'action:succeeded',
    ]);
    journal.close();
  });

  it('a listener that throws does not lose the write, and is reported', () => {
    const reported = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const journal = open({
      listeners: {
        onEntry: () => {
          throw new Error('the renderer went away');
        },
      },
    });
    const action = journal.begin({ kind: 'deploy.run', title: 'Deploy' });
    action.step('still written');
    expect(journal.get(action.id)?.entries.map((e) => e.message)).toEqual(['Deploy', 'still written']);
    expect(reported).toHaveBeenCalledWith('[journal] onEntry listener failed: the renderer went away');
    reported.mockRestore();
    journal.close();
  });
});

describe('settings', () => {
  it('stores JSON values, replaces them, and forgets them when set to undefined', () => {
    const file = join(tempDir(), 'journal.db');
    const journal = openJournal({ file });
    expect(journal.getSetting('recent')).toBeUndefined();
    journal.setSetting('recent', [{ path: '/srv/infra/cockpit.yaml' }]);
    journal.setSetting('theme', 'dark');
    journal.setSetting('theme', 'light');
    journal.close();

    const again = openJournal({ file });
    expect(again.getSetting('recent')).toEqual([{ path: '/srv/infra/cockpit.yaml' }]);
    expect(again.getSetting<string>('theme')).toBe('light');
    again.setSetting('theme', undefined);
    expect(again.getSetting('theme')).toBeUndefined();
    again.close();
  });
});
