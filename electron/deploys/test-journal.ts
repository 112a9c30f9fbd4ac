/**
 * An in-memory Journal for tests of the engine and the deploy service (the real one is SQLite). Same contract:
 * intent, steps, output, result, appended in order; ending twice is a no-op.
 */
import { type JournalAction, type JournalEntry, type JournalPhase } from '../../shared/model/journal';
import { type ActionHandle, type ActionIntent, type Journal, type JournalListOptions } from '../journal/types';

export interface MemoryJournal extends Journal {
  readonly actions: JournalAction[];
  readonly entries: JournalEntry[];
  /** Entries of one action, in order. */
  entriesOf(id: string): JournalEntry[];
  /** The `result` entry's data of one action. */
  resultOf(id: string): Record<string, unknown> | null;
}

export function createMemoryJournal(options: { now?: () => Date } = {}): MemoryJournal {
  const now = options.now ?? (() => new Date());
  const actions: JournalAction[] = [];
  const entries: JournalEntry[] = [];
  const settings = new Map<string, unknown>();
  let seq = 0;
  let nextId = 0;

  const append = (actionId: string, phase: JournalPhase, message: string, data?: Record<string, unknown>) => {
    // Like the real journal, store a copy: later mutation of the caller's object must not rewrite history.
    entries.push({
      seq: ++seq,
      actionId,
      at: now().toISOString(),
      phase,
      message,
      data: data ? structuredClone(data) : null,
    });
  };

  const begin = (intent: ActionIntent): ActionHandle => {
    const id = `a${++nextId}`;
    const started = now();
    const action: JournalAction = {
      id,
      kind: intent.kind,
      title: intent.title,
      target: intent.target ?? null,
      actor: intent.actor ?? 'tester',
      status: 'running',
      startedAt: started.toISOString(),
      endedAt: null,
      durationMs: null,
      summary: null,
    };
    actions.push(action);
    append(id, 'intent', intent.title, intent.data);
    const end = (status: JournalAction['status'], summary: string, data?: Record<string, unknown>) => {
      if (action.status !== 'running') return { ...action };
      const ended = now();
      Object.assign(action, {
        status,
        summary,
        endedAt: ended.toISOString(),
        durationMs: ended.getTime() - started.getTime(),
      });
      append(id, 'result', summary, data);
      return { ...action };
    };
    return {
      id,
      step: (message, data) => append(id, 'step', message, data),
      output: (text, data) => append(id, 'output', text, data),
      succeed: (summary, data) => end('succeeded', summary, data),
      fail: (summary, data) => end('failed', summary, data),
      cancel: (summary, data) => end('cancelled', summary, data),
    };
  };

  const list = (opts: JournalListOptions) => {
    const matching = actions
      .filter((a) => (!opts.kind || a.kind === opts.kind) && (!opts.before || a.startedAt < opts.before))
      .slice()
      .reverse();
    return { actions: matching.slice(0, opts.limit).map((a) => ({ ...a })), hasMore: matching.length > opts.limit };
  };

  const entriesOf = (id: string) => entries.filter((e) => e.actionId === id);

  return {
    actions,
    entries,
    entriesOf,
    resultOf: (id) => entriesOf(id).find((e) => e.phase === 'result')?.data ?? null,
    begin,
    list,
    get: (id) => {
      const action = actions.find((a) => a.id === id);
      return action ? { action: { ...action }, entries: entriesOf(id) } : undefined;
    },
    recoverInterrupted: () => [],
    getSetting: <T>(key: string) => settings.get(key) as T | undefined,
    setSetting: (key, value) => void settings.set(key, value),
    close: () => {},
  };
}
