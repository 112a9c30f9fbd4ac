/**
 * What the backups feature remembers between verifications (tables in ./schema.ts): each verification, every copy
 * ever listed, and the last listing. Retention keeps it small for an app left running for a year: full checks for
 * 7 days, hourly points without checks for 30 days, one point a day per backup for 400 days. With 50 backups
 * verified hourly that is about 8 400 full rows (~1.3 KB) plus ~46 000 slim rows (~150 bytes): under 20 MB.
 */
import {
  type BackupCopy,
  type BackupHistoryPoint,
  type Verification,
  type VerificationCheck,
  type VerificationStatus,
} from '../../shared/model/backups';
import { type Database } from '../journal/database';

/** One declared backup of one workspace file. */
export interface BackupRef {
  /** The workspace file's path (its stable name). */
  workspace: string;
  service: string;
  backup: string;
}

export interface VerificationRecord {
  verification: Verification;
  newest: BackupCopy | null;
  /** Age of the newest copy at the verification; null without copies. */
  ageMs: number | null;
  /** How many copies were listed; null when the listing failed. */
  copies: number | null;
}

export interface StoredVerification extends VerificationRecord {
  id: number;
}

/** A copy as remembered: listings come and go with retention, sizes stay. */
export interface SeenCopy {
  id: string;
  time: string;
  size: number | null;
}

const DAY_MS = 86_400_000;
export const RETENTION = { fullChecksDays: 7, hourlyDays: 30, keepDays: 400 } as const;

interface VerificationRow {
  id: number;
  at: string;
  status: string;
  duration_ms: number;
  age_ms: number | null;
  newest_id: string | null;
  newest_time: string | null;
  newest_size: number | null;
  copies: number;
  checks_json: string;
}

export class BackupHistory {
  constructor(private readonly db: Database) {}

  record(ref: BackupRef, record: VerificationRecord, listed: readonly BackupCopy[] | null): void {
    const { verification, newest } = record;
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO backup_verifications
             (workspace, service, backup, at, status, duration_ms, age_ms, newest_id, newest_time, newest_size, copies, checks_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          ref.workspace,
          ref.service,
          ref.backup,
          verification.at,
          verification.status,
          Math.round(verification.durationMs),
          record.ageMs,
          newest?.id ?? null,
          newest?.time ?? null,
          newest?.size ?? null,
          // -1: the listing failed, so nothing is known (kept apart from "0 copies").
          record.copies ?? -1,
          JSON.stringify(verification.checks),
        );
      if (listed) {
        const insert = this.db.prepare(
          `INSERT INTO backup_copies (workspace, service, backup, copy_id, time, size) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT DO UPDATE SET time = excluded.time, size = excluded.size`,
        );
        for (const copy of listed) insert.run(ref.workspace, ref.service, ref.backup, copy.id, copy.time, copy.size);
        this.db
          .prepare(
            `INSERT INTO backup_listings (workspace, service, backup, at, copies_json) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT DO UPDATE SET at = excluded.at, copies_json = excluded.copies_json`,
          )
          .run(ref.workspace, ref.service, ref.backup, verification.at, JSON.stringify(listed));
      }
    })();
  }

  last(ref: BackupRef): StoredVerification | null {
    const row = this.db
      .prepare<VerificationRow>(
        `SELECT id, at, status, duration_ms, age_ms, newest_id, newest_time, newest_size, copies, checks_json
         FROM backup_verifications WHERE workspace = ? AND service = ? AND backup = ? ORDER BY at DESC, id DESC LIMIT 1`,
      )
      .get(ref.workspace, ref.service, ref.backup);
    if (!row) return null;
    const listing = this.listing(ref);
    const newest =
      row.newest_id === null
        ? null
        : (listing.find((copy) => copy.id === row.newest_id) ?? {
            id: row.newest_id,
            time: row.newest_time ?? row.at,
            size: row.newest_size,
            location: row.newest_id,
          });
    return {
      id: row.id,
      verification: {
        at: row.at,
        durationMs: row.duration_ms,
        status: row.status as VerificationStatus,
        checks: JSON.parse(row.checks_json) as VerificationCheck[],
      },
      newest,
      ageMs: row.age_ms,
      copies: row.copies < 0 ? null : row.copies,
    };
  }

  /** The copies the last successful listing returned, newest first. */
  listing(ref: BackupRef): BackupCopy[] {
    const json = this.db
      .prepare(`SELECT copies_json FROM backup_listings WHERE workspace = ? AND service = ? AND backup = ?`)
      .pluck<string>()
      .get(ref.workspace, ref.service, ref.backup);
    return json ? (JSON.parse(json) as BackupCopy[]) : [];
  }

  /** Copies seen before `time` (not including it), newest first. */
  copiesBefore(ref: BackupRef, time: string, limit: number): SeenCopy[] {
    return this.db
      .prepare<SeenCopy>(
        `SELECT copy_id AS id, time, size FROM backup_copies
         WHERE workspace = ? AND service = ? AND backup = ? AND time < ? ORDER BY time DESC LIMIT ?`,
      )
      .all(ref.workspace, ref.service, ref.backup, time, limit);
  }

  /** The most recent copies ever seen, oldest first. */
  recentCopies(ref: BackupRef, limit: number): SeenCopy[] {
    return this.db
      .prepare<SeenCopy>(
        `SELECT copy_id AS id, time, size FROM backup_copies
         WHERE workspace = ? AND service = ? AND backup = ? ORDER BY time DESC LIMIT ?`,
      )
      .all(ref.workspace, ref.service, ref.backup, limit)
      .reverse();
  }

  points(ref: BackupRef, since: Date): BackupHistoryPoint[] {
    return this.db
      .prepare<{ at: string; status: string; age_ms: number | null; newest_size: number | null; copies: number }>(
        `SELECT at, status, age_ms, newest_size, copies FROM backup_verifications
         WHERE workspace = ? AND service = ? AND backup = ? AND at >= ? ORDER BY at, id`,
      )
      .all(ref.workspace, ref.service, ref.backup, since.toISOString())
      .map((row) => ({
        at: row.at,
        status: row.status as VerificationStatus,
        ageMs: row.age_ms,
        newestSize: row.newest_size,
        copies: Math.max(0, row.copies),
      }));
  }

  /** Claims an alert episode; true only for the first caller (this process or another one on the same journal). */
  claimAlert(ref: BackupRef, kind: string, episode: string, at: Date): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO backup_alerts (workspace, service, backup, kind, episode, fired_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      )
      .run(ref.workspace, ref.service, ref.backup, kind, episode, at.toISOString());
    return result.changes > 0;
  }

  /** Applies the retention described above; returns how many rows went. */
  prune(now: Date): number {
    const iso = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
    let removed = 0;
    this.db.transaction(() => {
      removed += this.db.prepare('DELETE FROM backup_verifications WHERE at < ?').run(iso(RETENTION.keepDays)).changes;
      removed += this.db.prepare('DELETE FROM backup_copies WHERE time < ?').run(iso(RETENTION.keepDays)).changes;
      removed += this.db.prepare('DELETE FROM backup_alerts WHERE fired_at < ?').run(iso(RETENTION.keepDays)).changes;
      const hourly = iso(RETENTION.hourlyDays);
      // Older than a month: the day's last point per backup is enough for the charts.
      removed += this.db
        .prepare(
          `DELETE FROM backup_verifications WHERE at < ? AND id NOT IN (
             SELECT max(id) FROM backup_verifications WHERE at < ? GROUP BY workspace, service, backup, substr(at, 1, 10))`,
        )
        .run(hourly, hourly).changes;
      // Older than a week: the charts need no checks; the newest verification of each backup keeps its own.
      this.db
        .prepare(
          `UPDATE backup_verifications SET checks_json = '[]' WHERE at < ? AND checks_json <> '[]' AND id NOT IN (
             SELECT max(id) FROM backup_verifications GROUP BY workspace, service, backup)`,
        )
        .run(iso(RETENTION.fullChecksDays));
    })();
    return removed;
  }
}
