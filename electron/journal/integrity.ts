/**
 * A check of the journal's pages at open, so a file with damaged blocks is found before the first read of one
 * fails half-way through the app's work with SQLITE_CORRUPT. It must stay cheap: it runs on every start.
 *
 * Up to FULL_CHECK_BYTES, `PRAGMA quick_check` walks every b-tree (pages, cells, free list): about 35 ms for 16 MiB
 * with the file in the OS cache. Above that, a walk of the b-tree pages through the dbstat table stops when the time
 * budget is spent — the b-trees are walked in a random order, so successive starts cover different ones. Either
 * one finds a page whose header is garbage, which is what an overwritten block looks like.
 */
import { type Database, SQLITE_CORRUPT, isSqliteError, sqliteCode } from './sqlite';

export const FULL_CHECK_BYTES = 16 * 1024 * 1024;
export const CHECK_BUDGET_MS = 100;

export interface IntegrityOptions {
  /** Above this many bytes, a time-boxed walk replaces the full check (tests lower it). */
  fullCheckBytes?: number;
  budgetMs?: number;
  clock?: () => number;
}

export type IntegrityResult =
  | { ok: true; complete: boolean }
  | {
      ok: false;
      /** SQLite's own words for the first problem found, e.g. "Tree 6 page 18117: btreeInitPage() returns error code 11". */
      problem: string;
    };

export function checkIntegrity(db: Database, options: IntegrityOptions = {}): IntegrityResult {
  const bytes = Number(db.pragma('page_count', { simple: true })) * Number(db.pragma('page_size', { simple: true }));
  try {
    return bytes <= (options.fullCheckBytes ?? FULL_CHECK_BYTES) ? quickCheck(db) : timedWalk(db, options);
  } catch (error) {
    // A page so broken that SQLite stops reading is the same finding as one it reports.
    if (isSqliteError(error) && sqliteCode(error) === SQLITE_CORRUPT) return { ok: false, problem: error.message };
    throw error;
  }
}

function quickCheck(db: Database): IntegrityResult {
  // (1): the first problem is enough to know, and stops the check early on a badly damaged file.
  const verdict = String(db.pragma('quick_check(1)', { simple: true }));
  return verdict === 'ok'
    ? { ok: true, complete: true }
    : { ok: false, problem: verdict.replace(/^\*\*\*.*\*\*\*\n/, '') };
}

function timedWalk(db: Database, options: IntegrityOptions): IntegrityResult {
  const clock = options.clock ?? (() => performance.now());
  const deadline = clock() + (options.budgetMs ?? CHECK_BUDGET_MS);
  const trees = shuffled(
    db
      .prepare("SELECT name FROM sqlite_schema WHERE rootpage > 0 AND type IN ('table', 'index')")
      .pluck<string>()
      .all(),
  );
  const pages = db.prepare<{ pageno: number; pagetype: string | null }>(
    'SELECT pageno, pagetype FROM dbstat WHERE name = ?',
  );
  for (const tree of ['sqlite_schema', ...trees]) {
    // dbstat does not throw on a page it cannot parse: it lists it as "corrupted" and skips what hangs below it.
    for (const page of pages.iterate(tree)) {
      if (page.pagetype === 'corrupted') return { ok: false, problem: `${tree} page ${page.pageno} is damaged` };
      if (clock() > deadline) return { ok: true, complete: false };
    }
  }
  return { ok: true, complete: true };
}

function shuffled<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
