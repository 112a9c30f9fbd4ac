/** The history charts' rows, built from `backups.history` points. Pure (no recharts), unit-tested. */
import { type BackupHistoryPoint } from '../../../../shared/model/backups';

export interface BackupChartRow {
  t: number;
  /** Hours, for the age chart (the RPO line is in hours too). */
  ageH: number | null;
  /** Bytes of the newest copy. */
  size: number | null;
}

export function backupChartRows(points: readonly BackupHistoryPoint[]): BackupChartRow[] {
  return points
    .map((p) => ({
      t: Date.parse(p.at),
      ageH: p.ageMs === null ? null : Math.round((p.ageMs / 3_600_000) * 10) / 10,
      size: p.newestSize,
    }))
    .filter((r) => Number.isFinite(r.t))
    .sort((a, b) => a.t - b.t);
}
