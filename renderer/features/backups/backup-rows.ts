/** The Backups table: each declared backup, its source, freshness target and restore drill. Pure, unit-tested. */
import { type BackupConfig, type Workspace } from '../../../shared/workspace';
import { formatInterval } from '../../lib/format';

export interface BackupRow {
  service: string;
  id: string;
  description?: string;
  sourceKind: 's3' | 'dir' | 'command';
  source: string;
  rpo: string;
  verify: string | null;
  drillHost: string | null;
  rto: string | null;
  drillEvery: string | null;
}

export function describeSource(source: BackupConfig['source']): { kind: BackupRow['sourceKind']; text: string } {
  if ('s3' in source)
    return { kind: 's3', text: source.profile ? `${source.s3} (profile ${source.profile})` : source.s3 };
  if ('dir' in source) return { kind: 'dir', text: `${source.host}:${source.dir}` };
  return { kind: 'command', text: source.host ? `${source.command} (on ${source.host})` : source.command };
}

export function backupRows(ws: Workspace): BackupRow[] {
  const rows: BackupRow[] = [];
  for (const [service, config] of Object.entries(ws.services)) {
    for (const backup of config.backups) {
      const source = describeSource(backup.source);
      rows.push({
        service,
        id: backup.id,
        description: backup.description,
        sourceKind: source.kind,
        source: source.text,
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
