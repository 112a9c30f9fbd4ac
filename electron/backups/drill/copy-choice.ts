/**
 * Which copy a drill restores: the one asked for (`--copy ID`), else the drill's `copy` choice — the newest, or a
 * random one of the N newest among those drilled least, so over a few drills every recent copy gets its turn.
 * The reason is kept in the evidence ("random of the last 7; drilled least (0 times before)").
 */
import { type BackupCopy } from '../../../shared/model/backups';
import { CockpitError } from '../../../shared/rpc';

export interface CopyChoice {
  copy: BackupCopy;
  /** Why this copy, in words, for the evidence and the report. */
  why: string;
}

export interface ChooseCopyInput {
  /** Newest first, as sources list them. */
  copies: readonly BackupCopy[];
  /** The drill's `copy` setting: `newest` or `random-of-last-N`. */
  choice: string;
  /** A copy id asked for by the person; it must be in the listing. */
  requested?: string;
  /** How many earlier drills restored each copy id. */
  drilledBefore: (copyId: string) => number;
  /** [0, 1), like Math.random (tests pass a seeded one). */
  random: () => number;
  /** Where the copies were listed, for the refusals ("dbhost:/srv/backups (*.dump)"). */
  source: string;
}

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

export function chooseCopy(input: ChooseCopyInput): CopyChoice {
  const { copies, requested, source } = input;
  if (copies.length === 0) {
    throw new CockpitError(
      'NOT_FOUND',
      `No copy to restore: ${source} lists no copies. Check that the backups are being made there, then run the drill again.`,
    );
  }
  if (requested !== undefined) {
    const copy = copies.find((c) => c.id === requested);
    if (!copy) {
      const some = copies
        .slice(0, 5)
        .map((c) => c.id)
        .join(', ');
      throw new CockpitError(
        'NOT_FOUND',
        `Copy "${requested}" is not among the ${copies.length} copies ${source} lists (newest: ${some}). Pick one of those, or leave the copy out to use the drill's choice.`,
      );
    }
    return { copy, why: 'asked for by id' };
  }
  const newest = copies[0] as BackupCopy;
  const rotation = /^random-of-last-(\d+)$/.exec(input.choice);
  if (!rotation) return { copy: newest, why: 'newest' };

  const n = Number(rotation[1]);
  const window = copies.slice(0, n);
  const counts = window.map((c) => input.drilledBefore(c.id));
  const least = Math.min(...counts);
  const candidates = window.filter((_, i) => counts[i] === least);
  const pick = Math.min(candidates.length - 1, Math.floor(input.random() * candidates.length));
  const copy = candidates[pick] as BackupCopy;
  const among =
    candidates.length === window.length
      ? `all ${window.length} drilled ${least === 0 ? 'never' : times(least)} before`
      : `one of ${candidates.length} drilled least (${least === 0 ? 'never' : times(least)} before)`;
  return { copy, why: `random of the last ${n} (${among})` };
}
