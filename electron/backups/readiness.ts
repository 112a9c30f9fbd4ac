/**
 * The backups feature's part of the readiness scorecard, from each declared backup's status as the Backups screen
 * shows it (its last verification and last restore drill, read from the journal: nothing is listed or restored to
 * answer).
 *
 * backups-fresh — green: every declared backup's newest copy is within its RPO; amber: some backup was not
 *   verified yet (its age is unknown); red: a copy is older than its RPO, or no backup is declared at all.
 * backups-restored — green: every backup was restored by a drill that succeeded within 90 days; amber: the last
 *   success was 91–180 days ago; red: no restore drill declared, never restored, the last drill failed, or older.
 */
import { type BackupStatus } from '../../shared/model/backups';
import { type ReadinessItem, type ReadinessStatus } from '../../shared/model/readiness';
import { type ReadinessSource } from '../features/types';
import { DAY_MS, PRACTICE_WINDOW_DAYS, daysAgo, item, listWords, worse } from '../features/readiness-items';

type Backup = Pick<BackupStatus, 'key' | 'ageMs' | 'rpoMs' | 'drill'>;

const HOUR_MS = 3_600_000;
const hours = (ms: number) => `${Math.round(ms / HOUR_MS)} h`;

const declareFix = { label: 'Declare a backup with its RPO', route: 'backups' as const, id: null };

export function backupsFreshItem(backups: readonly Backup[]): ReadinessItem {
  if (backups.length === 0) return item('backups-fresh', 'red', 'No backup is declared.', declareFix);
  const stale = backups.filter((b) => b.ageMs !== null && b.ageMs > b.rpoMs);
  const unknown = backups.filter((b) => b.ageMs === null);
  if (stale.length > 0) {
    const words = stale.map((b) => `${b.key} newest copy ${hours(b.ageMs ?? 0)} old (RPO ${hours(b.rpoMs)})`);
    const first = stale[0]?.key ?? null;
    return item('backups-fresh', 'red', `Past the RPO: ${words.join('; ')}.`, {
      label: `Verify ${first ?? 'the backup'} and fix the job that makes its copies`,
      route: 'backups',
      id: first,
    });
  }
  if (unknown.length > 0) {
    const first = unknown[0]?.key ?? null;
    return item(
      'backups-fresh',
      'amber',
      `Not verified yet: ${listWords(unknown.map((b) => b.key))}, so the age of the newest copy is unknown.`,
      { label: `Verify ${first ?? 'the backup'} now`, route: 'backups', id: first },
    );
  }
  const words = backups.map((b) => `${b.key} ${hours(b.ageMs ?? 0)} old (RPO ${hours(b.rpoMs)})`);
  return item('backups-fresh', 'green', `Every backup within its RPO: ${words.join('; ')}.`, null);
}

export function backupsRestoredItem(backups: readonly Backup[], now: Date): ReadinessItem {
  if (backups.length === 0) return item('backups-restored', 'red', 'No backup is declared.', declareFix);
  const rated = backups.map((b): { key: string; status: ReadinessStatus; words: string } => {
    if (!b.drill) return { key: b.key, status: 'red', words: `${b.key}: no restore drill declared` };
    const last = b.drill.last;
    if (!last?.endedAt) return { key: b.key, status: 'red', words: `${b.key}: never restored in a drill` };
    if (last.status !== 'succeeded') {
      return {
        key: b.key,
        status: 'red',
        words: `${b.key}: the last restore drill ${last.status} (${daysAgo(last.endedAt, now)})`,
      };
    }
    const days = (now.getTime() - Date.parse(last.endedAt)) / DAY_MS;
    const status: ReadinessStatus =
      days <= PRACTICE_WINDOW_DAYS ? 'green' : days <= 2 * PRACTICE_WINDOW_DAYS ? 'amber' : 'red';
    return { key: b.key, status, words: `${b.key}: restored ${daysAgo(last.endedAt, now)}` };
  });
  const status = rated.reduce<ReadinessStatus>((acc, r) => worse(acc, r.status), 'green');
  const due = rated.find((r) => r.status !== 'green');
  const declared = backups.find((b) => b.key === due?.key)?.drill !== null;
  return item('backups-restored', status, `${rated.map((r) => r.words).join('; ')}.`, {
    label: due
      ? declared
        ? `Run the restore drill of ${due.key}`
        : `Declare a restore drill for ${due.key}`
      : 'Run a restore drill',
    route: 'backups',
    id: due?.key ?? null,
  });
}

/** `statuses` answers null when no workspace is open: then there is nothing to score. */
export function backupsReadiness(statuses: () => readonly Backup[] | null, now: () => Date): ReadinessSource {
  return () => {
    const backups = statuses();
    if (backups === null) return [];
    return [backupsFreshItem(backups), backupsRestoredItem(backups, now())];
  };
}
