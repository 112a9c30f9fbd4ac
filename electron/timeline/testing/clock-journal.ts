/**
 * TEST CODE ONLY — a real journal in a temp folder whose clock the test sets, so actions start and end at the
 * times a timeline test asks about.
 */
import { join } from 'node:path';
import { type SqliteJournal, openJournal } from '../../journal/journal';
import { useTempDir } from '../../journal/test-support/temp-dir';

export interface ClockJournal {
  journal: () => SqliteJournal;
  /** Sets the journal's clock (epoch ms). */
  at(ms: number): void;
}

export const T0 = Date.parse('2026-12-06T20:00:00.000Z');
export const MIN = 60_000;
export const HOUR = 60 * MIN;

/** Opens one journal per test (closed after it); call at the top of a describe or file. */
export function useClockJournal(afterEach: (fn: () => void) => void): ClockJournal {
  const tempDir = useTempDir('cockpit-timeline-');
  let now = T0;
  let current: SqliteJournal | undefined;
  afterEach(() => {
    current?.close();
    current = undefined;
    now = T0;
  });
  return {
    journal() {
      current ??= openJournal({ file: join(tempDir(), 'journal.db'), now: () => new Date(now) });
      return current;
    },
    at(ms) {
      now = ms;
    },
  };
}
