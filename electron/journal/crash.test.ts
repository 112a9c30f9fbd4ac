/**
 * Crash safety across processes: what one Cockpit process commits, another sees at once (the CLI and the app
 * share the file), and an action whose process died is closed as interrupted — but never one still running.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Database } from './sqlite';
import { describe, expect, it } from 'vitest';
import { INTERRUPTED_SUMMARY, openJournal } from './journal';
import { processBootId } from './process-identity';
import { useTempDir } from './test-support/temp-dir';
import { readInOtherProcess, startJournalChild } from './test-support/processes';

const tempDir = useTempDir();

describe('crash safety', () => {
  it('a second process sees each committed write while the first still has the journal open', async () => {
    const file = join(tempDir(), 'journal.db');
    const journal = openJournal({ file });
    try {
      const action = journal.begin({ kind: 'deploy.run', title: 'Deploy api' });
      action.step('Switching current to release 42');
      expect(await readInOtherProcess(file, action.id)).toEqual({
        action: { id: action.id, kind: 'deploy.run', title: 'Deploy api', status: 'running', summary: null },
        entries: [
          { phase: 'intent', message: 'Deploy api' },
          { phase: 'step', message: 'Switching current to release 42' },
        ],
      });

      action.succeed('Deployed release 42');
      const after = await readInOtherProcess(file, action.id);
      expect(after.action).toMatchObject({ status: 'succeeded', summary: 'Deployed release 42' });
    } finally {
      journal.close();
    }
  });

  it('an action whose process was killed keeps every entry it wrote and is recovered as interrupted — not before it dies', async () => {
    const file = join(tempDir(), 'journal.db');
    const heard: string[] = [];
    const journal = openJournal({ file, listeners: { onAction: (a) => heard.push(`${a.id}:${a.status}`) } });
    const child = await startJournalChild(file);
    try {
      // The child is alive and its action is running: recovery must leave it alone.
      expect(journal.recoverInterrupted()).toEqual([]);
      expect(journal.get(child.id)?.action.status).toBe('running');

      await child.crash();

      const seen = journal.get(child.id);
      expect(seen?.entries.map((e) => [e.phase, e.message])).toEqual([
        ['intent', 'Deploy api to staging'],
        ['step', 'Uploading release 42 to stg-1'],
        ['output', 'npm ci\nadded 312 packages\n'],
      ]);

      const recovered = journal.recoverInterrupted();
      expect(recovered).toHaveLength(1);
      expect(recovered[0]).toMatchObject({
        id: child.id,
        status: 'interrupted',
        summary: INTERRUPTED_SUMMARY,
        actor: 'cli:child',
      });
      expect(recovered[0]?.durationMs).toEqual(expect.any(Number));
      const result = journal.get(child.id)?.entries.at(-1);
      expect(result).toMatchObject({ phase: 'result', data: { lastStep: 'Uploading release 42 to stg-1' } });
      expect(heard).toEqual([`${child.id}:interrupted`]);

      // Recovering again (or from another window) finds nothing more to do.
      expect(journal.recoverInterrupted()).toEqual([]);
    } finally {
      await child.crash();
      journal.close();
    }
  });

  it('recovers an action left by an earlier run of the app (another boot id), and never this process’s own', () => {
    const file = join(tempDir(), 'journal.db');
    const journal = openJournal({ file });
    const mine = journal.begin({ kind: 'deploy.run', title: 'Running right now in this process' });

    // A process that has exited: its pid is free, as after a crash.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const db = new Database(file);
    const startedAt = new Date().toISOString();
    db.prepare(
      "INSERT INTO actions (id, kind, title, target, actor, pid, boot_id, started_at) VALUES ('old-1', 'rollback.run', 'Roll back api', NULL, 'bob', ?, 'an-earlier-boot', ?)",
    ).run(gone, startedAt);
    db.prepare(
      "INSERT INTO action_entries (action_id, at, phase, message) VALUES ('old-1', ?, 'intent', 'Roll back api')",
    ).run(startedAt);
    db.close();

    const recovered = journal.recoverInterrupted();
    expect(recovered.map((a) => [a.id, a.status])).toEqual([['old-1', 'interrupted']]);
    expect(journal.get(mine.id)?.action.status).toBe('running');
    expect(processBootId).not.toBe('an-earlier-boot');
    journal.close();
  });
});
