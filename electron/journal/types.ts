/**
 * What the rest of the backend may ask of the journal. Every action is written before it starts (intent),
 * as it runs (steps, output) and when it ends (result); rows are appended, never rewritten.
 */
import { type JournalDay } from '../../shared/api/journal';
import { type JournalAction, type JournalEntry } from '../../shared/model/journal';

export interface ActionIntent {
  /** `domain.verb`, e.g. workspace.open, deploy.run. */
  kind: string;
  title: string;
  target?: string | null;
  /** Who: the OS user, or `cli:<user>`. Defaults to the OS user. */
  actor?: string;
  /** Structured detail; secrets are redacted before writing. */
  data?: Record<string, unknown>;
}

/** A running action. Ending it twice is a no-op after the first end. */
export interface ActionHandle {
  readonly id: string;
  step(message: string, data?: Record<string, unknown>): void;
  output(text: string, data?: Record<string, unknown>): void;
  succeed(summary: string, data?: Record<string, unknown>): JournalAction;
  fail(summary: string, data?: Record<string, unknown>): JournalAction;
  cancel(summary: string, data?: Record<string, unknown>): JournalAction;
}

export interface JournalListOptions {
  limit: number;
  /**
   * Only actions that started before this ISO time — or, given an action id, those listed after that action,
   * which pages exactly even when several actions started in the same millisecond.
   */
  before?: string;
  kind?: string;
}

export interface JournalListeners {
  onAction?: (action: JournalAction) => void;
  onEntry?: (entry: JournalEntry) => void;
}

export interface Journal {
  begin(intent: ActionIntent): ActionHandle;
  list(options: JournalListOptions): { actions: JournalAction[]; hasMore: boolean };
  get(id: string): { action: JournalAction; entries: JournalEntry[] } | undefined;
  /**
   * How many actions began on each day (Activity's chart), counted over the whole range. Optional because only
   * the SQLite journal can count without reading every action; the tests' small fakes leave it out.
   */
  countByDay?(range: { starts: readonly string[]; end: string }): JournalDay[];
  /** Actions begun by an earlier process that never wrote a result: closed as `interrupted`, and returned. */
  recoverInterrupted(): JournalAction[];
  getSetting<T>(key: string): T | undefined;
  setSetting(key: string, value: unknown): void;
  close(): void;
}
