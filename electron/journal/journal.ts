/**
 * The journal: every action the app takes, written before it starts (intent), as it runs (steps, output) and
 * when it ends (result). Each write is its own committed transaction, so a crash loses nothing already written;
 * listeners hear about a write only after it is committed. Text and data are redacted and bounded on the way in.
 */
import { userInfo } from 'node:os';
import {
  type ActionStatus,
  type JournalAction,
  type JournalEntry,
  type JournalPhase,
} from '../../shared/model/journal';
import { type Database, openDatabase } from './database';
import { boundedText, createOutputBounder, encodeData } from './limits';
import { listActions } from './list';
import { migrate } from './migrations';
import { type Migration } from './migrations/types';
import { mayStillBeRunning, newActionId, processBootId } from './process-identity';
import { type PruneOptions, type PruneResult, pruneOutput } from './prune';
import {
  type ActionBaseRow,
  type ActionRow,
  type DetailEntryRow,
  type EntryRow,
  type ResultRow,
  actionColumns,
  resultOf,
  toAction,
  toEntry,
  withResult,
} from './rows';
import { type ActionHandle, type ActionIntent, type Journal, type JournalListeners } from './types';

export interface OpenJournalOptions {
  file: string;
  listeners?: JournalListeners;
  /** Who acts when an intent does not say; the OS user by default. */
  actor?: string;
  now?: () => Date;
  /** Only tests replace the app's migration list. */
  migrations?: readonly Migration[];
}

/** The SQLite journal: the Journal interface plus upkeep only the app's own startup code calls. */
export interface SqliteJournal extends Journal {
  readonly file: string;
  /**
   * The same SQLite file, for features that keep their own tables beside the journal (health samples, the cost
   * cache, deploy records). Their tables come from migrations/, like the journal's own.
   */
  readonly db: Database;
  /** Deletes old output chunks, keeping each action's intent, steps and result. See prune.ts. */
  pruneOutput(options: PruneOptions): PruneResult;
}

export const INTERRUPTED_SUMMARY = "The app stopped while this was running; check the hosts' state.";

export function openJournal(options: OpenJournalOptions): SqliteJournal {
  const db = openDatabase(options.file);
  try {
    migrate(db, options.migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  const now = options.now ?? (() => new Date());
  const actor = options.actor ?? osUser();
  const notify = safeListeners(options.listeners ?? {});
  const sql = prepare(db);

  const readAction = (id: string): JournalAction | undefined => {
    const base = sql.actionBase.get(id) as ActionBaseRow | undefined;
    return base && toAction(withResult(base, sql.result.get(id) as ResultRow | undefined));
  };

  const readEntry = (seq: number): JournalEntry => toEntry(sql.entry.get(seq) as EntryRow);

  const append = (actionId: string, phase: JournalPhase, message: string, data: string | null): JournalEntry => {
    const { lastInsertRowid } = sql.insertEntry.run(actionId, now().toISOString(), phase, message, data);
    const entry = readEntry(Number(lastInsertRowid));
    notify.entry(entry);
    return entry;
  };

  /** Writes the result unless one exists (ended elsewhere, e.g. recovered by another process). */
  const writeResult = (actionId: string, status: ActionStatus, summary: string, data: string | null) => {
    const { changes, lastInsertRowid } = sql.insertResult.run(actionId, now().toISOString(), summary, data, status);
    const written = changes === 1;
    if (written) notify.entry(readEntry(Number(lastInsertRowid)));
    const action = readAction(actionId);
    if (!action) throw new Error(`journal action ${actionId} vanished`);
    if (written) notify.action(action);
    return { action, written };
  };

  const begin = (intent: ActionIntent): ActionHandle => {
    const at = now();
    const id = newActionId(at);
    const title = boundedText(intent.title);
    const target = intent.target == null ? null : boundedText(intent.target);
    const seq = db.transaction(() => {
      sql.insertAction.run(
        id,
        intent.kind,
        title,
        target,
        intent.actor ?? actor,
        process.pid,
        processBootId,
        at.toISOString(),
      );
      return Number(
        sql.insertEntry.run(id, at.toISOString(), 'intent', title, encodeData(intent.data)).lastInsertRowid,
      );
    })();
    const action = readAction(id);
    if (action) notify.action(action);
    notify.entry(readEntry(seq));
    return createHandle(id);
  };

  const createHandle = (id: string): ActionHandle => {
    let ended: JournalAction | undefined;
    const boundOutput = createOutputBounder();
    const end = (status: ActionStatus, summary: string, data?: Record<string, unknown>) =>
      (ended ??= writeResult(id, status, boundedText(summary), encodeData(data)).action);
    return {
      id,
      // After the end, late writes are dropped: the result stays the action's last entry.
      step(message, data) {
        if (!ended) append(id, 'step', boundedText(message), encodeData(data));
      },
      output(text, data) {
        if (!ended && text !== '') append(id, 'output', boundOutput(text), encodeData(data));
      },
      succeed: (summary, data) => end('succeeded', summary, data),
      fail: (summary, data) => end('failed', summary, data),
      cancel: (summary, data) => end('cancelled', summary, data),
    };
  };

  const recoverInterrupted = (): JournalAction[] => {
    const orphans = (sql.running.all(processBootId) as ActionRow[]).filter(
      (row) => !mayStillBeRunning({ pid: row.pid, bootId: row.boot_id, startedAt: row.started_at }),
    );
    const recovered: JournalAction[] = [];
    for (const row of orphans) {
      const lastStep = sql.lastStep.get(row.id) as { message: string } | undefined;
      const data = encodeData({ lastStep: lastStep?.message ?? null });
      // Another window may have recovered it a moment ago; only what this call closed is reported.
      const { action, written } = writeResult(row.id, 'interrupted', INTERRUPTED_SUMMARY, data);
      if (written) recovered.push(action);
    }
    return recovered;
  };

  return {
    file: options.file,
    begin,
    list: (listOptions) => listActions(db, listOptions),
    get(id) {
      const base = sql.actionBase.get(id) as ActionBaseRow | undefined;
      if (!base) return undefined;
      const entries = sql.detailEntries.all(id) as DetailEntryRow[];
      return { action: toAction(withResult(base, resultOf(entries))), entries: entries.map(toEntry) };
    },
    recoverInterrupted,
    getSetting<T>(key: string): T | undefined {
      const row = sql.getSetting.get(key) as { value: string } | undefined;
      return row === undefined ? undefined : (JSON.parse(row.value) as T);
    },
    setSetting(key, value) {
      if (value === undefined) sql.deleteSetting.run(key);
      else sql.putSetting.run(key, JSON.stringify(value), now().toISOString());
    },
    db,
    pruneOutput: (pruneOptions) => pruneOutput(db, { now: now(), ...pruneOptions }),
    close() {
      if (db.open) db.close();
    },
  };
}

function prepare(db: Database) {
  const entryColumns = 'seq, action_id, at, phase, message, data';
  return {
    insertAction: db.prepare(
      'INSERT INTO actions (id, kind, title, target, actor, pid, boot_id, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    insertEntry: db.prepare('INSERT INTO action_entries (action_id, at, phase, message, data) VALUES (?, ?, ?, ?, ?)'),
    // A second result (a race with recovery in another process) is quietly not written: the first one stands.
    insertResult: db.prepare(
      "INSERT INTO action_entries (action_id, at, phase, message, data, status) VALUES (?, ?, 'result', ?, ?, ?) ON CONFLICT DO NOTHING",
    ),
    entry: db.prepare(`SELECT ${entryColumns} FROM action_entries WHERE seq = ?`),
    actionBase: db.prepare('SELECT id, kind, title, target, actor, pid, boot_id, started_at FROM actions WHERE id = ?'),
    result: db.prepare("SELECT at, message, status FROM action_entries WHERE action_id = ? AND phase = 'result'"),
    detailEntries: db.prepare(`SELECT ${entryColumns}, status FROM action_entries WHERE action_id = ? ORDER BY seq`),
    running: db.prepare(
      `SELECT ${actionColumns} FROM action_status WHERE status = 'running' AND boot_id <> ? ORDER BY started_at DESC, id DESC`,
    ),
    lastStep: db.prepare(
      "SELECT message FROM action_entries WHERE action_id = ? AND phase = 'step' ORDER BY seq DESC LIMIT 1",
    ),
    getSetting: db.prepare('SELECT value FROM settings WHERE key = ?'),
    putSetting: db.prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    ),
    deleteSetting: db.prepare('DELETE FROM settings WHERE key = ?'),
  };
}

/** A listener that throws must not undo or block a write that is already committed. */
function safeListeners(listeners: JournalListeners) {
  const call = <T>(name: string, listener: ((value: T) => void) | undefined, value: T) => {
    if (!listener) return;
    try {
      listener(value);
    } catch (error) {
      console.error(`[journal] ${name} listener failed:`, error instanceof Error ? error.message : error);
    }
  };
  return {
    action: (action: JournalAction) => call('onAction', listeners.onAction, action),
    entry: (entry: JournalEntry) => call('onEntry', listeners.onEntry, entry),
  };
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry (some containers): the environment is the next best witness.
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
