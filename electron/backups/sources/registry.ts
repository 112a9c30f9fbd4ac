/**
 * The backup source kinds the app knows. Adding a kind is one file here and one line below (and its schema in
 * shared/workspace/backups.ts).
 */
import { type BackupSourceConfig, type BackupSourceKind, sourceKindOf } from '../../../shared/workspace/backups';
import { commandKind } from './command';
import { dirKind } from './dir';
import { pgbackrestKind } from './pgbackrest';
import { resticKind } from './restic';
import { s3Kind } from './s3';
import { type SourceKind } from './types';

// Each kind narrows with its own `accepts`; its methods take only the sources it accepts.
export const sourceKinds: SourceKind[] = [dirKind, s3Kind, resticKind, pgbackrestKind, commandKind];

const byName = new Map<BackupSourceKind, SourceKind>(sourceKinds.map((kind) => [kind.kind, kind]));

/** The kind that reads this source. */
export function kindFor(source: BackupSourceConfig): SourceKind {
  const kind = byName.get(sourceKindOf(source));
  if (!kind) throw new Error(`no backup source kind for ${sourceKindOf(source)}`);
  return kind;
}
