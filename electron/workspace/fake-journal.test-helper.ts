/**
 * An in-memory Journal for tests of services that journal their actions: same interface, no SQLite, and the
 * actions and entries are plain arrays to assert on.
 */
import { type JournalAction, type JournalEntry } from '../../shared/model/journal';
import { type ActionHandle, type ActionIntent, type Journal, type JournalListOptions } from '../journal/types';

export interface FakeJournal extends Journal {
  readonly actions: JournalAction[];
  readonly entries: JournalEntry[];
  readonly settings: Map<string, unknown>;
}

export function createFakeJournal(now: () => Date = () => new Date()): FakeJournal {
  const actions: JournalAction[] = [];
  const entries: JournalEntry[] = [];
  const settings = new Map<string, unknown>();
  let seq = 0;

  const addEntry = (
    actionId: string,
    phase: JournalEntry['phase'],
    message: string,
    data?: Record<string, unknown>,
  ) => {
    entries.push({ seq: ++seq, actionId, at: now().toISOString(), phase, message, data: data ?? null });
  };

  return {
    actions,
    entries,
    settings,
    begin(intent: ActionIntent): ActionHandle {
      const id = `a${actions.length + 1}`;
      const action: JournalAction = {
        id,
        kind: intent.kind,
        title: intent.title,
        target: intent.target ?? null,
        actor: intent.actor ?? 'test',
        status: 'running',
        startedAt: now().toISOString(),
        endedAt: null,
        durationMs: null,
        summary: null,
      };
      actions.push(action);
      addEntry(id, 'intent', intent.title, intent.data);
      const end = (status: JournalAction['status'], summary: string, data?: Record<string, unknown>) => {
        if (action.status === 'running') {
          action.status = status;
          action.summary = summary;
          action.endedAt = now().toISOString();
          action.durationMs = 0;
          addEntry(id, 'result', summary, data);
        }
        return { ...action };
      };
      return {
        id,
        step: (message, data) => addEntry(id, 'step', message, data),
        output: (text, data) => addEntry(id, 'output', text, data),
        succeed: (summary, data) => end('succeeded', summary, data),
        fail: (summary, data) => end('failed', summary, data),
        cancel: (summary, data) => end('cancelled', summary, data),
      };
    },
    list(options: JournalListOptions) {
      const newestFirst = [...actions].reverse().filter((a) => !options.kind || a.kind === options.kind);
      return { actions: newestFirst.slice(0, options.limit), hasMore: newestFirst.length > options.limit };
    },
    get(id: string) {
      const action = actions.find((a) => a.id === id);
      return action ? { action, entries: entries.filter((e) => e.actionId === id) } : undefined;
    },
    recoverInterrupted: () => [],
    getSetting<T>(key: string): T | undefined {
      // The real journal round-trips settings through JSON; do the same so tests see what it would return.
      const value = settings.get(key);
      return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as T);
    },
    setSetting(key: string, value: unknown) {
      settings.set(key, JSON.parse(JSON.stringify(value)));
    },
    close() {},
  };
}
