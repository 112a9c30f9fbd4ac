/** The declared backups (from the workspace file alone): source, freshness target and restore drill. Pure, unit-tested. */
import { type Workspace } from '../../../shared/workspace';
import { type BackupSourceKind, describeBackupSource, sourceKindOf } from '../../../shared/workspace/backups';
import { formatInterval } from '../../lib/format';

export interface BackupRow {
  service: string;
  id: string;
  description?: string;
  sourceKind: BackupSourceKind;
  source: string;
  rpo: string;
  verify: string | null;
  drillHost: string | null;
  rto: string | null;
  drillEvery: string | null;
}

export function backupRows(ws: Workspace): BackupRow[] {
  const rows: BackupRow[] = [];
  for (const [service, config] of Object.entries(ws.services)) {
    for (const backup of config.backups) {
      rows.push({
        service,
        id: backup.id,
        description: backup.description,
        sourceKind: sourceKindOf(backup.source),
        source: describeBackupSource(backup.source),
        rpo: formatInterval(backup.rpo),
        verify: backup.verify ?? null,
        drillHost: backup.drill?.host ?? null,
        rto: backup.drill ? formatInterval(backup.drill.rto) : null,
        drillEvery: backup.drill ? formatInterval(backup.drill.every) : null,
      });
    }
  }
  return rows;
}
