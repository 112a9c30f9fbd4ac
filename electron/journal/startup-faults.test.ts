/**
 * Storage faults the journal meets at start and while running: damaged pages, a full disk, an end that could not
 * be written — and the journal's file modes.
 */
import { chmodSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { type JournalAction } from '../../shared/model/journal';
import { openDatabase } from './database';
import { JournalFileError } from './errors';
import { checkIntegrity } from './integrity';
import { JOURNAL_RECOVERED_KIND, openJournal } from './journal';
import { moveAside } from './move-aside';
import { Database } from './sqlite';
import { overwriteBlocksMidFile, writeJournal } from './test-support/damage';
import { simulateFullDisk } from './test-support/full-disk';
import { useTempDir } from './test-support/temp-dir';

const tempDir = useTempDir();
const posix = process.platform !== 'win32';

function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

describe('a journal with blocks overwritten mid-file', () => {
  it('is found at start, moved aside untouched, and a fresh journal says so', () => {
    const dir = tempDir();
    const file = join(dir, 'journal.db');
    writeJournal(file);
    overwriteBlocksMidFile(file);
    const damagedBytes = readFileSync(file);

    const journal = openJournal({ file, now: () => new Date('2026-03-04T05:06:07.890Z') });
    try {
      const movedTo = join(dir, 'journal.db.corrupt-20260304T050607Z');
      expect(journal.movedAside).toMatchObject({ file, movedTo });
      expect(journal.movedAside?.notice).toMatch(
        new RegExp(
          `^The journal ${file} is damaged \\(.+\\)\\. It was moved aside to ${movedTo} \\(nothing was deleted\\) and a fresh journal was started\\.$`,
        ),
      );
      expect(readFileSync(movedTo).equals(damagedBytes)).toBe(true);

      // The fresh journal's history starts with why it starts there; nothing of the old one is in it.
      const { actions } = journal.list({ limit: 10 });
      expect(actions).toEqual([
        expect.objectContaining({
          kind: JOURNAL_RECOVERED_KIND,
          status: 'succeeded',
          target: movedTo,
          summary: journal.movedAside?.notice,
        }),
      ]);
      const run = journal.begin({ kind: 'deploy.run', title: 'Deploy api' });
      expect(run.succeed('Deployed').status).toBe('succeeded');
    } finally {
      journal.close();
    }
  });

  it('takes the -wal and -shm along under the new name, so SQLite still pairs them with the old file', () => {
    const dir = tempDir();
    const file = join(dir, 'journal.db');
    for (const suffix of ['', '-wal', '-shm']) writeFileSync(`${file}${suffix}`, `content of journal.db${suffix}`);
    const moved = moveAside(file, 'The journal is damaged.', new Date('2026-03-04T05:06:07Z'));
    const movedTo = join(dir, 'journal.db.corrupt-20260304T050607Z');
    expect(moved.movedTo).toBe(movedTo);
    expect(readdirSync(dir).sort()).toEqual([
      'journal.db.corrupt-20260304T050607Z',
      'journal.db.corrupt-20260304T050607Z-shm',
      'journal.db.corrupt-20260304T050607Z-wal',
    ]);
    expect(readFileSync(`${movedTo}-wal`, 'utf8')).toBe('content of journal.db-wal');
    // A second damaged file in the same second does not overwrite the first.
    writeFileSync(file, 'again');
    expect(moveAside(file, 'The journal is damaged.', new Date('2026-03-04T05:06:07Z')).movedTo).toBe(`${movedTo}-2`);
    expect(readFileSync(movedTo, 'utf8')).toBe('content of journal.db');
  });

  it('a healthy journal opens as it is, with nothing moved', () => {
    const dir = tempDir();
    const file = join(dir, 'journal.db');
    const ids = writeJournal(file, 10);
    const journal = openJournal({ file });
    try {
      expect(journal.movedAside).toBeNull();
      expect(journal.list({ limit: 100 }).actions).toHaveLength(ids.length);
      expect(readdirSync(dir).filter((name) => name.includes('corrupt'))).toEqual([]);
    } finally {
      journal.close();
    }
  });

  it('above the full-check size, the time-boxed page walk finds the damage too', () => {
    const file = join(tempDir(), 'journal.db');
    writeJournal(file);
    overwriteBlocksMidFile(file);
    const db = new Database(file);
    try {
      const verdict = checkIntegrity(db, { fullCheckBytes: 0, budgetMs: 60_000 });
      expect(verdict).toMatchObject({ ok: false, problem: expect.stringMatching(/damaged|malformed/) });
    } finally {
      db.close();
    }
  });

  it('the page walk stops when its time is spent, and says the check was not complete', () => {
    const file = join(tempDir(), 'journal.db');
    writeJournal(file, 10);
    const db = new Database(file);
    let now = 0;
    try {
      const verdict = checkIntegrity(db, { fullCheckBytes: 0, budgetMs: 5, clock: () => (now += 1) });
      expect(verdict).toEqual({ ok: true, complete: false });
      expect(checkIntegrity(db, { fullCheckBytes: 0, budgetMs: 60_000 })).toEqual({ ok: true, complete: true });
    } finally {
      db.close();
    }
  });

  it('a file that is not SQLite at all is still refused and left where it is', () => {
    const dir = tempDir();
    const file = join(dir, 'journal.db');
    writeFileSync(file, 'my notes\n'.repeat(1000));
    expect(() => openJournal({ file })).toThrow(expect.objectContaining({ problem: 'not-sqlite' }));
    expect(readdirSync(dir)).toEqual(['journal.db']);
  });
});

describe('a full disk', () => {
  it('at start: a JournalFileError that names the file and says to free space', () => {
    const file = join(tempDir(), 'journal.db');
    const restore = simulateFullDisk();
    let error: unknown;
    try {
      openJournal({ file }).close();
    } catch (caught) {
      error = caught;
    } finally {
      restore();
    }
    expect(error).toBeInstanceOf(JournalFileError);
    expect(error).toMatchObject({ problem: 'disk-full' });
    expect((error as Error).message).toBe(
      `The disk holding the journal ${file} is full, so the cockpit cannot write to it. Free some space on that disk and start again; nothing was lost.`,
    );
  });

  /** Leaves no room for a new page: what a run that ends on a full disk meets. */
  function fillDisk(journal: { db: Database }): void {
    journal.db.pragma(`max_page_count = ${Number(journal.db.pragma('page_count', { simple: true }))}`);
  }
  function freeDisk(journal: { db: Database }): void {
    journal.db.pragma('max_page_count = 1073741823');
  }
  // Longer than a page: its end needs new pages, which a full disk does not have.
  const longSummary = `Deployed release 42 to stg-1 ${'and checked it '.repeat(1500)}`;

  it('a run whose end could not be written is marked failed, with the reason, by the next write that works', () => {
    const file = join(tempDir(), 'journal.db');
    const heard: JournalAction[] = [];
    const journal = openJournal({ file, listeners: { onAction: (action) => heard.push(action) } });
    try {
      const run = journal.begin({ kind: 'deploy.run', title: 'Deploy api to staging' });
      fillDisk(journal);
      expect(() => run.succeed(longSummary)).toThrow(/database or disk is full/);
      expect(journal.get(run.id)?.action.status).toBe('running');
      // Ended, though unwritten: later writes for it are dropped, a second end does not replace the first.
      run.step('late step');
      expect(() => run.fail('a second end')).toThrow(/database or disk is full/);

      freeDisk(journal);
      journal.begin({ kind: 'workspace.open', title: 'Open cockpit.yaml' }).succeed('Opened');

      const closed = journal.get(run.id);
      expect(closed?.action.status).toBe('failed');
      expect(closed?.action.summary).toMatch(
        /^The journal could not record how this ended \(the disk was full\), so it is marked failed\. It had succeeded at \S+: Deployed release 42 to stg-1/,
      );
      expect(closed?.entries.map((entry) => entry.phase)).toEqual(['intent', 'result']);
      expect(closed?.entries.at(-1)?.data).toMatchObject({ unrecordedEnd: { status: 'succeeded' } });
      expect(heard.filter((action) => action.id === run.id).map((action) => action.status)).toEqual([
        'running',
        'failed',
      ]);
      // The handle now answers with what was written.
      expect(run.cancel('too late').status).toBe('failed');
    } finally {
      journal.close();
    }
  });

  it('with no other write, a timer closes the run once the disk has room again', async () => {
    const file = join(tempDir(), 'journal.db');
    const journal = openJournal({ file, retryEndsEveryMs: 20 });
    try {
      const run = journal.begin({ kind: 'rollback.run', title: 'Roll back api' });
      fillDisk(journal);
      expect(() => run.fail(longSummary)).toThrow(/database or disk is full/);
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(journal.get(run.id)?.action.status).toBe('running');
      freeDisk(journal);
      await vi.waitFor(() => expect(journal.get(run.id)?.action.status).toBe('failed'), { timeout: 2000 });
    } finally {
      journal.close();
    }
  });
});

describe.runIf(posix)('the journal file modes', () => {
  it('creates the journal, its -wal and -shm 0600 and its folder 0700', () => {
    const dir = join(tempDir(), 'data');
    const file = join(dir, 'journal.db');
    const journal = openJournal({ file });
    try {
      journal.begin({ kind: 'deploy.run', title: 'Deploy api' }).succeed('Deployed');
      expect(modeOf(dir)).toBe(0o700);
      expect(modeOf(file)).toBe(0o600);
      expect(modeOf(`${file}-wal`)).toBe(0o600);
      expect(modeOf(`${file}-shm`)).toBe(0o600);
    } finally {
      journal.close();
    }
  });

  it('tightens a folder and files an earlier version left readable by everyone', () => {
    const dir = join(tempDir(), 'data');
    mkdirSync(dir);
    const file = join(dir, 'journal.db');
    writeJournal(file, 1);
    // As an earlier version left them, open: the -wal and -shm exist only while a connection has the file.
    const earlier = new Database(file);
    earlier.prepare('SELECT count(*) FROM actions').get();
    for (const path of [file, `${file}-wal`, `${file}-shm`]) chmodSync(path, 0o644);
    chmodSync(dir, 0o755);
    try {
      openDatabase(file).close();
      expect(modeOf(dir)).toBe(0o700);
      for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(path), path).toBe(0o600);
    } finally {
      earlier.close();
    }
  });
});
