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
import { type Database, openDatabase, openError } from './database';
import { JournalFileError, isDiskFull } from './errors';
import { type IntegrityOptions } from './integrity';
import { boundedText, createOutputBounder, encodeData } from './limits';
import { countActionsByDay } from './days';
import { listActions } from './list';
import { HEALTH_ALERT_KIND, outcomeOf } from './outcome';
import { createOutcomeReader } from './outcome-reader';
import { migrate } from './migrations';
import { type Migration } from './migrations/types';
import { type MovedAside, moveAside, movedAsideNotice } from './move-aside';
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
import { log } from '../log';

export interface OpenJournalOptions {
  file: string;
  listeners?: JournalListeners;
  /** Who acts when an intent does not say; the OS user by default. */
  actor?: string;
  now?: () => Date;
  /** Only tests replace the app's migration list. */
  migrations?: readonly Migration[];
  /** Only tests change how the pages are checked at open. */
  integrity?: IntegrityOptions;
  /** How often ends that could not be written are tried again, besides after every write that works. */
  retryEndsEveryMs?: number;
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
  /**
   * Set when the file was found damaged at open and moved aside: this journal is a fresh one. The front ends say
   * so (`notice` is the sentence); the fresh journal's first action records it too.
   */
  readonly movedAside: (MovedAside & { notice: string }) | null;
}

export const INTERRUPTED_SUMMARY = "The app stopped while this was running; check the hosts' state.";
export const JOURNAL_RECOVERED_KIND = 'journal.recovered';
const RETRY_ENDS_EVERY_MS = 30_000;

/** A run whose end could not be written (the disk was full): kept here until a write works again. */
interface UnrecordedEnd {
  status: ActionStatus;
  summary: string;
  at: string;
  reason: string;
  error: unknown;
  settle(action: JournalAction): void;
}

export function openJournal(options: OpenJournalOptions): SqliteJournal {
  const now = options.now ?? (() => new Date());
  const { db, movedAside } = openChecked(options, now);
  const actor = options.actor ?? osUser();
  const notify = safeListeners(options.listeners ?? {});
  const sql = prepare(db);

  const readOutcomes = createOutcomeReader(db);

  const readAction = (id: string): JournalAction | undefined => {
    const base = sql.actionBase.get(id) as ActionBaseRow | undefined;
    if (!base) return undefined;
    const result = sql.result.get(id) as ResultRow | undefined;
    // Only a result states an outcome (an old alert's comes from its intent): other writes skip the lookup.
    return toAction(
      withResult(base, result),
      result || base.kind === HEALTH_ALERT_KIND ? readOutcomes([id]).get(id) : null,
    );
  };

  const readEntry = (seq: number): JournalEntry => toEntry(sql.entry.get(seq) as EntryRow);

  const unrecorded = new Map<string, UnrecordedEnd>();
  let retryTimer: ReturnType<typeof setInterval> | undefined;
  let retrying = false;

  /**
   * Closes, as failed, every run whose end could not be written; stops at the first write that still fails. Called
   * after each write that worked (the disk has room again) and on a timer, so no run stays "running" for good.
   */
  const retryUnrecordedEnds = () => {
    if (retrying || unrecorded.size === 0 || !db.open) return;
    retrying = true;
    try {
      for (const [id, end] of unrecorded) {
        const summary = boundedText(
          `The journal could not record how this ended (${end.reason}), so it is marked failed. It had ${end.status} at ${end.at}: ${end.summary}`,
        );
        const data = encodeData({ unrecordedEnd: { status: end.status, summary: end.summary, at: end.at } });
        let action: JournalAction;
        try {
          ({ action } = writeResult(id, 'failed', summary, data));
        } catch {
          return; // still cannot write; the next write that works, or the timer, tries again
        }
        unrecorded.delete(id);
        end.settle(action);
      }
    } finally {
      retrying = false;
      if (unrecorded.size === 0 && retryTimer !== undefined) {
        clearInterval(retryTimer);
        retryTimer = undefined;
      }
    }
  };

  const remember = (id: string, end: UnrecordedEnd) => {
    unrecorded.set(id, end);
    // unref: a pending retry must not keep a finished CLI command alive.
    retryTimer ??= setInterval(retryUnrecordedEnds, options.retryEndsEveryMs ?? RETRY_ENDS_EVERY_MS);
    retryTimer.unref?.();
  };

  const append = (actionId: string, phase: JournalPhase, message: string, data: string | null): JournalEntry => {
    const { lastInsertRowid } = sql.insertEntry.run(actionId, now().toISOString(), phase, message, data);
    const entry = readEntry(Number(lastInsertRowid));
    notify.entry(entry);
    retryUnrecordedEnds();
    return entry;
  };

  /** Writes the result unless one exists (ended elsewhere, e.g. recovered by another process). */
  const writeResult = (actionId: string, status: ActionStatus, summary: string, data: string | null) => {
    const { changes, lastInsertRowid } = sql.insertResult.run(actionId, now().toISOString(), summary, data, status);
    retryUnrecordedEnds();
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
    retryUnrecordedEnds();
    return createHandle(id);
  };

  const createHandle = (id: string): ActionHandle => {
    let ended: JournalAction | undefined;
    let endFailed: unknown;
    const boundOutput = createOutputBounder();
    const end = (status: ActionStatus, summary: string, data?: Record<string, unknown>): JournalAction => {
      if (ended) return ended;
      if (unrecorded.has(id)) {
        // Ended once already, unwritten: that end stands; say whether it is written by now.
        retryUnrecordedEnds();
        if (ended) return ended;
        throw endFailed;
      }
      const bounded = boundedText(summary);
      try {
        ended = writeResult(id, status, bounded, encodeData(data)).action;
        return ended;
      } catch (error) {
        endFailed = error;
        remember(id, {
          status,
          summary: bounded,
          at: now().toISOString(),
          reason: isDiskFull(error) ? 'the disk was full' : error instanceof Error ? error.message : String(error),
          error,
          settle: (action) => (ended = action),
        });
        throw error;
      }
    };
    // After the end (even one not yet written), late writes are dropped: the result stays the action's last entry.
    const over = () => ended !== undefined || unrecorded.has(id);
    return {
      id,
      step(message, data) {
        if (!over()) append(id, 'step', boundedText(message), encodeData(data));
      },
      output(text, data) {
        if (!over() && text !== '') append(id, 'output', boundOutput(text), encodeData(data));
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

  const recorded = movedAside && { ...movedAside, notice: movedAsideNotice(movedAside) };
  if (recorded) {
    // The journal's own record of why its history starts here: every window's Journal screen shows it.
    begin({
      kind: JOURNAL_RECOVERED_KIND,
      title: 'Started a fresh journal: the old one was damaged',
      target: recorded.movedTo,
    }).succeed(recorded.notice, { movedTo: recorded.movedTo, problem: recorded.problem });
  }

  return {
    file: options.file,
    begin,
    list: (listOptions) => listActions(db, listOptions, readOutcomes),
    get(id) {
      const base = sql.actionBase.get(id) as ActionBaseRow | undefined;
      if (!base) return undefined;
      const rows = sql.detailEntries.all(id) as DetailEntryRow[];
      const entries = rows.map(toEntry);
      const dataOf = (phase: JournalPhase) => entries.find((entry) => entry.phase === phase)?.data;
      const outcome = outcomeOf(base.kind, dataOf('result'), dataOf('intent'));
      return { action: toAction(withResult(base, resultOf(rows)), outcome), entries };
    },
    countByDay: (range) => countActionsByDay(db, range),
    recoverInterrupted,
    getSetting<T>(key: string): T | undefined {
      const row = sql.getSetting.get(key) as { value: string } | undefined;
      return row === undefined ? undefined : (JSON.parse(row.value) as T);
    },
    setSetting(key, value) {
      if (value === undefined) sql.deleteSetting.run(key);
      else sql.putSetting.run(key, JSON.stringify(value), now().toISOString());
      retryUnrecordedEnds();
    },
    db,
    pruneOutput: (pruneOptions) => pruneOutput(db, { now: now(), ...pruneOptions }),
    movedAside: recorded,
    close() {
      retryUnrecordedEnds();
      if (retryTimer !== undefined) clearInterval(retryTimer);
      if (db.open) db.close();
    },
  };
}

/**
 * Opens and migrates the file; a damaged one (broken pages, found by the check at open or by the first read that
 * hits one) is moved aside and a fresh journal opened in its place. Anything else is refused with its message.
 */
function openChecked(options: OpenJournalOptions, now: () => Date): { db: Database; movedAside: MovedAside | null } {
  try {
    return { db: openMigrated(options), movedAside: null };
  } catch (error) {
    if (!(error instanceof JournalFileError) || error.problem !== 'damaged' || options.file === ':memory:') throw error;
    const movedAside = moveAside(options.file, error.message, now());
    return { db: openMigrated(options), movedAside };
  }
}

function openMigrated(options: OpenJournalOptions): Database {
  const db = openDatabase(options.file, options.integrity ? { integrity: options.integrity } : {});
  try {
    migrate(db, options.migrations);
  } catch (error) {
    db.close();
    throw openError(options.file, error);
  }
  return db;
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
      log.error(`[journal] ${name} listener failed:`, error instanceof Error ? error.message : error);
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
