/** The backups a workspace declares (`services.<name>.backups`), each keyed `service/backup`, and finding them by ID. */
import { type Workspace } from '../../shared/workspace';
import { type BackupConfig } from '../../shared/workspace/backups';
import { CockpitError } from '../../shared/rpc';

export interface DeclaredBackup {
  /** `service/backup`. */
  key: string;
  service: string;
  config: BackupConfig;
}

export function declaredBackups(workspace: Workspace | null | undefined): DeclaredBackup[] {
  if (!workspace) return [];
  return Object.entries(workspace.services).flatMap(([service, config]) =>
    config.backups.map((backup) => ({ key: `${service}/${backup.id}`, service, config: backup })),
  );
}

/** The backups matching a filter (all when both are absent); NOT_FOUND in words when nothing matches. */
export function matchBackups(
  all: readonly DeclaredBackup[],
  filter: { service?: string | undefined; backup?: string | undefined },
): DeclaredBackup[] {
  const matched = all.filter(
    (b) =>
      (filter.service === undefined || b.service === filter.service) &&
      (filter.backup === undefined || b.config.id === filter.backup),
  );
  if (matched.length === 0 && (filter.service !== undefined || filter.backup !== undefined)) {
    const asked = [filter.service, filter.backup].filter(Boolean).join('/');
    const known = all.map((b) => b.key).join(', ') || 'none';
    throw new CockpitError(
      'NOT_FOUND',
      `No backup "${asked}" in this workspace (declared: ${known}). Add it under services.<name>.backups in the workspace file, or use one of those.`,
    );
  }
  return matched;
}

/** `service/backup`, or `backup` alone when only one service declares it. */
export function parseBackupId(
  all: readonly DeclaredBackup[],
  id: string,
): { service: string; backup: string } | undefined {
  const slash = id.indexOf('/');
  if (slash > 0) return { service: id.slice(0, slash), backup: id.slice(slash + 1) };
  const matches = all.filter((b) => b.config.id === id);
  if (matches.length > 1) {
    throw new CockpitError(
      'BAD_REQUEST',
      `More than one service has a backup "${id}" (${matches.map((b) => b.key).join(', ')}): say which, as service/backup.`,
    );
  }
  const [only] = matches;
  return only ? { service: only.service, backup: only.config.id } : undefined;
}
