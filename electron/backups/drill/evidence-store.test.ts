import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type RunEvent } from '../../../shared/model/deploys';
import { openDatabase } from '../../journal/database';
import { useTempDir } from '../../journal/test-support/temp-dir';
import { DrillLog } from './drill-log';
import { openEvidenceStore } from './evidence-store';
import { sampleDrill } from './testing/sample-drill';

const tempDir = useTempDir('cockpit-drills-');

const output = (text: string): RunEvent => ({
  type: 'output',
  runId: 'r',
  host: 'drill-1',
  step: 'restore',
  stream: 'stdout',
  text,
});

describe('the evidence store of restore drills', () => {
  it('keeps a drill and its log across a reopen of the journal file', () => {
    const file = join(tempDir(), 'journal.db');
    const db = openDatabase(file);
    const store = openEvidenceStore(db);
    const drill = sampleDrill();
    store.save(drill, [output('restoring…\n')]);
    db.close();

    const again = openEvidenceStore(openDatabase(file));
    expect(again.get(drill.runId)).toEqual({ drill, log: [output('restoring…\n')] });
    expect(again.list({ limit: 10 })).toEqual([drill]);
    expect(again.lastFinished('shop', 'orders-db')).toEqual(drill);
    expect(again.get('nope')).toBeUndefined();
  });

  it('lists newest first, filters by backup, and counts drills per copy for the rotation', () => {
    const store = openEvidenceStore(openDatabase(join(tempDir(), 'journal.db')));
    const copy = (id: string) => ({ id, time: '2026-12-01T00:00:00Z', size: 1, location: id });
    store.save(sampleDrill({ runId: 'a', startedAt: '2026-12-01T00:00:00Z', copy: copy('c1') }), []);
    store.save(sampleDrill({ runId: 'b', startedAt: '2026-12-02T00:00:00Z', copy: copy('c1') }), []);
    store.save(
      sampleDrill({
        runId: 'c',
        startedAt: '2026-12-03T00:00:00Z',
        copy: copy('c2'),
        status: 'running',
        endedAt: null,
      }),
      [],
    );
    store.save(sampleDrill({ runId: 'd', backup: 'other', startedAt: '2026-12-04T00:00:00Z' }), []);
    expect(store.list({ service: 'shop', backup: 'orders-db', limit: 10 }).map((d) => d.runId)).toEqual([
      'c',
      'b',
      'a',
    ]);
    expect(store.list({ limit: 2 }).map((d) => d.runId)).toEqual(['d', 'c']);
    // The running one is ours (this process), so it is not the last finished drill.
    expect(store.lastFinished('shop', 'orders-db')?.runId).toBe('b');
    expect(Object.fromEntries(store.drilledCounts('shop', 'orders-db'))).toEqual({ c1: 2, c2: 1 });
  });

  it('closes a drill whose process is gone as failed, naming the scratch target it may have left', () => {
    const db = openDatabase(join(tempDir(), 'journal.db'));
    const store = openEvidenceStore(db);
    const drill = sampleDrill({ status: 'running', endedAt: null });
    store.save(drill, [output('restoring…\n')]);
    // As if written by a process that died: a pid no process has, another process's boot id.
    db.prepare('UPDATE backup_drill_runs SET pid = 999999999, boot_id = ? WHERE run_id = ?').run('gone', drill.runId);
    const found = store.get(drill.runId);
    expect(found?.drill.status).toBe('failed');
    expect(found?.drill.summary).toBe(
      'The drill stopped with the process that ran it (it was killed or crashed). The scratch target cockpit_drill_ab12cd34 may still exist on drill-1: remove it by hand.',
    );
    expect(found?.log).toEqual([output('restoring…\n')]);
    expect(store.list({ limit: 1 })[0]?.status).toBe('failed');
  });
});

describe('the bounded drill log', () => {
  it('keeps the start and the newest events, and says how many were dropped', () => {
    const log = new DrillLog(3, 1024);
    log.push({ type: 'run.started', runId: 'r', kind: 'backups.drill', title: 't', hosts: ['h'], at: 'now' });
    for (let i = 0; i < 5; i++) log.push(output(`line ${i}\n`));
    const kept = log.snapshot();
    expect(kept[0]?.type).toBe('run.started');
    expect(kept[1]).toMatchObject({ type: 'output', text: expect.stringMatching(/3 earlier log events were dropped/) });
    expect(kept.slice(2)).toEqual([output('line 3\n'), output('line 4\n')]);
  });

  it('drops the oldest output past the byte bound, never the newest', () => {
    const log = new DrillLog(100, 220);
    log.push({ type: 'run.started', runId: 'r', kind: 'backups.drill', title: 't', hosts: ['h'], at: 'now' });
    for (const text of ['123456', 'abcdef', 'ghijkl', 'mnopqr']) log.push(output(text));
    const texts = log.snapshot().flatMap((e) => (e.type === 'output' ? [e.text] : []));
    expect(texts).toEqual([expect.stringMatching(/1 earlier log events were dropped/), 'abcdef', 'ghijkl', 'mnopqr']);
  });
});
