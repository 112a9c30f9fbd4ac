/**
 * The checks that judge a listing without touching the copies: freshness against the RPO, size against the median
 * of the copies before the newest, and the number of copies. Each says what a pass proves and what it does not.
 */
import { type BackupCopy, type VerificationCheck } from '../../shared/model/backups';
import { type SeenCopy } from './history';
import { copiesWord, humanAge, humanBytes, humanPercent } from './words';

/** Past this share of the RPO, the newest copy is "close to the RPO" (a warning before the promise breaks). */
export const RPO_WARNING_SHARE = 0.8;
/** How many copies before the newest make the median its size is judged against. */
export const MEDIAN_WINDOW = 7;
/** Grown this many times over the median: worth a note (a backup that suddenly includes something it should not). */
export const GROWTH_NOTE = 10;

type Judged = Omit<VerificationCheck, 'durationMs'>;

export function freshnessCheck(newest: BackupCopy | null, rpoMs: number, now: Date): Judged {
  const label = {
    proves: 'a copy younger than the RPO exists where the source says',
    doesNotProve: 'that the copy is complete or restores',
  };
  if (!newest) {
    return {
      kind: 'freshness',
      status: 'failed',
      summary: `no copies found, so nothing is younger than the RPO of ${humanAge(rpoMs)}`,
      ...label,
    };
  }
  const ageMs = Math.max(0, now.getTime() - Date.parse(newest.time));
  const age = `newest copy ${humanAge(ageMs)} old`;
  if (ageMs > rpoMs) {
    return { kind: 'freshness', status: 'failed', summary: `${age}, past the RPO of ${humanAge(rpoMs)}`, ...label };
  }
  if (ageMs > rpoMs * RPO_WARNING_SHARE) {
    return {
      kind: 'freshness',
      status: 'warning',
      summary: `${age}, close to the RPO of ${humanAge(rpoMs)}`,
      ...label,
    };
  }
  return { kind: 'freshness', status: 'ok', summary: `${age} (RPO ${humanAge(rpoMs)})`, ...label };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Whether a size is below `shrinkPercent` % of the median of the copies before it (false when unknown). */
export function isShrunk(size: number | null, before: readonly SeenCopy[], shrinkPercent: number): boolean {
  const base = median(sizesOf(before));
  return size !== null && base !== null && base > 0 && size < (base * shrinkPercent) / 100;
}

function sizesOf(copies: readonly SeenCopy[]): number[] {
  return copies.flatMap((copy) => (copy.size === null ? [] : [copy.size]));
}

/** `before`: up to MEDIAN_WINDOW copies older than the newest, newest first (from the listing and the copies seen). */
export function sizeCheck(newest: BackupCopy | null, before: readonly SeenCopy[], shrinkPercent: number): Judged {
  const label = {
    proves: 'the newest copy is about as big as the copies before it',
    doesNotProve: 'that its contents are complete or undamaged — a copy of the right size can still be broken',
  };
  if (!newest) return { kind: 'size', status: 'skipped', summary: 'no copy to measure', ...label };
  if (newest.size === null) {
    return { kind: 'size', status: 'skipped', summary: 'the source does not report sizes', ...label };
  }
  const sizes = sizesOf(before);
  const base = median(sizes);
  const size = humanBytes(newest.size);
  if (base === null) {
    return { kind: 'size', status: 'skipped', summary: `newest ${size}; no earlier copy to compare with`, ...label };
  }
  const of = `the median ${humanBytes(base)} of the ${copiesWord(sizes.length)} before it`;
  const share = base > 0 ? newest.size / base : 1;
  if (base > 0 && newest.size < (base * shrinkPercent) / 100) {
    return { kind: 'size', status: 'warning', summary: `newest ${size} is ${humanPercent(share)} of ${of}`, ...label };
  }
  if (base > 0 && share >= GROWTH_NOTE) {
    return {
      kind: 'size',
      status: 'ok',
      summary: `newest ${size} is ${Math.round(share)}× ${of} — check that it holds only what it should`,
      ...label,
    };
  }
  return { kind: 'size', status: 'ok', summary: `newest ${size}, ${humanPercent(share)} of ${of}`, ...label };
}

export function countCheck(count: number, minCopies: number): Judged {
  const label = {
    proves: `the source keeps at least ${copiesWord(minCopies)}`,
    doesNotProve: 'that the older copies are intact (only the newest is checked)',
  };
  if (count < minCopies) {
    return {
      kind: 'count',
      status: 'failed',
      summary: `${copiesWord(count)}, fewer than the ${minCopies} required`,
      ...label,
    };
  }
  return { kind: 'count', status: 'ok', summary: `${copiesWord(count)} (at least ${minCopies} required)`, ...label };
}
