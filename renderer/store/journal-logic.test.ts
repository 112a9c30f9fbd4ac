import { describe, expect, it } from 'vitest';
import { type JournalAction, type JournalEntry } from '../../shared/model/journal';
import { appendEntry, appendPage, mergeKinds, pageCursor, upsertAction } from './journal-logic';

function action(id: string, startedAt: string, over: Partial<JournalAction> = {}): JournalAction {
  return {
    id,
    kind: 'workspace.open',
    title: `Action ${id}`,
    target: null,
    actor: 'ada',
    status: 'succeeded',
    startedAt,
    endedAt: null,
    durationMs: null,
    summary: null,
    ...over,
  };
}

function entry(seq: number, actionId = 'a'): JournalEntry {
  return { seq, actionId, at: '2025-03-12T10:00:00.000Z', phase: 'step', message: `step ${seq}`, data: null };
}

const a = action('a', '2025-03-12T10:00:00.000Z');
const b = action('b', '2025-03-12T09:00:00.000Z');
const c = action('c', '2025-03-12T08:00:00.000Z');

describe('Activity list', () => {
  it('puts a new live action at the top', () => {
    const fresh = action('n', '2025-03-12T11:00:00.000Z', { status: 'running' });
    expect(upsertAction([a, b], fresh).map((x) => x.id)).toEqual(['n', 'a', 'b']);
  });

  it('updates an action in place when its status changes', () => {
    const done = { ...b, status: 'failed' as const, summary: 'exit 1' };
    const next = upsertAction([a, b, c], done);
    expect(next.map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(next[1]).toMatchObject({ status: 'failed', summary: 'exit 1' });
  });

  it('leaves out live actions of another kind than the filter', () => {
    const deploy = action('d', '2025-03-12T11:00:00.000Z', { kind: 'deploy.run' });
    expect(upsertAction([a], deploy, { kind: 'workspace.open' }).map((x) => x.id)).toEqual(['a']);
    expect(upsertAction([a], deploy, { kind: 'deploy.run' }).map((x) => x.id)).toEqual(['d', 'a']);
  });

  it('leaves an old action to "Load more" when more pages exist', () => {
    const old = action('o', '2025-03-11T00:00:00.000Z');
    expect(upsertAction([a, b], old, { hasMore: true }).map((x) => x.id)).toEqual(['a', 'b']);
    expect(upsertAction([a, b], old, { hasMore: false }).map((x) => x.id)).toEqual(['a', 'b', 'o']);
  });

  it('appends a page without duplicating actions that arrived live', () => {
    expect(appendPage([a, b], [b, c]).map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });

  it('pages back from the oldest listed action', () => {
    expect(pageCursor([a, b, c])).toBe(c.startedAt);
    expect(pageCursor([])).toBeUndefined();
  });

  it('collects every kind seen for the filter', () => {
    expect(mergeKinds(['deploy.run'], [a, action('x', a.startedAt, { kind: 'backup.verify' })])).toEqual([
      'backup.verify',
      'deploy.run',
      'workspace.open',
    ]);
  });
});

describe('action entries', () => {
  it('keeps entries in sequence order, each once', () => {
    let entries = appendEntry([], entry(2));
    entries = appendEntry(entries, entry(1));
    entries = appendEntry(entries, entry(2));
    expect(entries.map((e) => e.seq)).toEqual([1, 2]);
  });
});
