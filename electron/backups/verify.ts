/**
 * One verification of one backup: list the copies through the source's kind, then judge freshness, size, count,
 * integrity (the workspace's command on the newest copy) and the kind's native check. A source that cannot be read
 * gives a `list` check in `error` with the reason and skips the rest: nothing else can be judged without a listing.
 */
import {
  type BackupCopy,
  type Verification,
  type VerificationCheck,
  type VerificationStatus,
} from '../../shared/model/backups';
import { type BackupConfig, type BackupSourceConfig } from '../../shared/workspace/backups';
import { type BackupHistory, type BackupRef, type SeenCopy, type VerificationRecord } from './history';
import { type SourceContext, type SourceKind } from './sources/types';
import { MEDIAN_WINDOW, countCheck, freshnessCheck, sizeCheck } from './verify-checks';
import { integrityCheck, integrityCommand } from './verify-integrity';
import { copiesWord, humanAge } from './words';

export type KindLookup = (source: BackupSourceConfig) => SourceKind;

export interface VerifyDeps {
  kindFor: KindLookup;
  context: SourceContext;
  history: Pick<BackupHistory, 'copiesBefore' | 'last'>;
  now: () => Date;
  /**
   * A scheduled run: an integrity result that passed on the same copy (same id, size and time) within
   * INTEGRITY_REUSE_MS is carried over instead of reading the copy again. "Verify now" always runs it.
   */
  reuseIntegrity?: boolean;
}

/** How long a passed integrity check of a copy that has not changed is trusted by the scheduler. */
export const INTEGRITY_REUSE_MS = 24 * 3_600_000;

export interface VerifyOutcome extends VerificationRecord {
  /** The copies listed, newest first; null when the source could not be read. */
  listed: BackupCopy[] | null;
}

const rank: Record<VerificationStatus, number> = { failed: 4, error: 3, warning: 2, ok: 1, skipped: 0 };

/** The worst status of a set of checks (skipped only when nothing ran). */
export function worstStatus(checks: readonly Pick<VerificationCheck, 'status'>[]): VerificationStatus {
  return checks.reduce<VerificationStatus>((worst, c) => (rank[c.status] > rank[worst] ? c.status : worst), 'skipped');
}

async function timed(
  now: () => Date,
  work: () => Promise<Omit<VerificationCheck, 'durationMs'>> | Omit<VerificationCheck, 'durationMs'>,
): Promise<VerificationCheck> {
  const started = now().getTime();
  const check = await work();
  return { ...check, durationMs: Math.max(0, now().getTime() - started) };
}

function skipped(kind: VerificationCheck['kind'], summary: string): VerificationCheck {
  return { kind, status: 'skipped', summary, proves: 'nothing', doesNotProve: 'anything', durationMs: 0 };
}

/** Up to MEDIAN_WINDOW copies before the newest: the listing's, plus ones seen earlier and since removed. */
function copiesBefore(ref: BackupRef, listed: readonly BackupCopy[], history: VerifyDeps['history']): SeenCopy[] {
  const [newest, ...rest] = listed;
  if (!newest) return [];
  const byId = new Map<string, SeenCopy>();
  for (const copy of history.copiesBefore(ref, newest.time, MEDIAN_WINDOW)) byId.set(copy.id, copy);
  for (const copy of rest) {
    if (Date.parse(copy.time) < Date.parse(newest.time)) byId.set(copy.id, copy);
  }
  return [...byId.values()].sort((a, b) => Date.parse(b.time) - Date.parse(a.time)).slice(0, MEDIAN_WINDOW);
}

export async function verifyBackup(ref: BackupRef, config: BackupConfig, deps: VerifyDeps): Promise<VerifyOutcome> {
  const at = deps.now();
  const checks: VerificationCheck[] = [];
  let kind: SourceKind;
  try {
    kind = deps.kindFor(config.source);
  } catch (error) {
    checks.push({
      ...skipped('list', ''),
      status: 'error',
      summary: `this source cannot be read by this version of the cockpit: ${messageOf(error)}`,
    });
    return finish(at, deps, checks, null);
  }

  const listing: { copies: BackupCopy[] | null } = { copies: null };
  const list = await timed(deps.now, async () => {
    try {
      const copies = await kind.list(config.source, deps.context);
      listing.copies = copies;
      return {
        kind: 'list',
        status: 'ok',
        summary: `${copiesWord(copies.length)} listed`,
        ...kind.listProves,
      };
    } catch (error) {
      const details = (error as { details?: { command?: string; exitCode?: number | null; output?: string } }).details;
      return {
        kind: 'list',
        status: 'error',
        summary: messageOf(error),
        ...kind.listProves,
        ...(details?.command ? { command: details.command } : {}),
        ...(details?.exitCode !== undefined ? { exitCode: details.exitCode } : {}),
        ...(details?.output ? { output: details.output } : {}),
      };
    }
  });
  checks.push(list);
  const copies = listing.copies;
  if (copies === null) {
    for (const k of ['freshness', 'size', 'count', 'integrity'] as const) {
      checks.push(skipped(k, 'not judged: the copies could not be listed'));
    }
    return finish(at, deps, checks, null);
  }

  const newest = copies[0] ?? null;
  checks.push(await timed(deps.now, () => freshnessCheck(newest, config.rpo, at)));
  checks.push(await timed(deps.now, () => sizeCheck(newest, copiesBefore(ref, copies, deps.history), config.shrink)));
  checks.push(await timed(deps.now, () => countCheck(copies.length, config.minCopies)));
  if (config.verify) {
    const template = config.verify;
    const carried = newest && deps.reuseIntegrity ? carriedIntegrity(ref, newest, template, deps, at) : null;
    checks.push(
      carried ??
        (newest
          ? await timed(deps.now, () => integrityCheck(template, newest, kind, config.source, deps.context))
          : skipped('integrity', 'no copy to check')),
    );
  }
  if (kind.nativeCheck) {
    const native = kind.nativeCheck.bind(kind);
    checks.push(
      await timed(deps.now, async () => {
        try {
          return await native(config.source, deps.context);
        } catch (error) {
          return {
            kind: 'native',
            status: 'error',
            summary: `the ${kind.kind} check could not run: ${messageOf(error)}`,
            proves: 'nothing (it did not run)',
            doesNotProve: 'anything about the repository',
          };
        }
      }),
    );
  }
  return finish(at, deps, checks, copies);
}

/**
 * The last verification's integrity result, when it passed on this very copy (same id, size and time) with the
 * same command less than INTEGRITY_REUSE_MS ago: re-reading an unchanged dump every hour proves nothing new and
 * loads the host for nothing. A failed result is never carried over.
 */
function carriedIntegrity(
  ref: BackupRef,
  newest: BackupCopy,
  template: string,
  deps: VerifyDeps,
  at: Date,
): VerificationCheck | null {
  const last = deps.history.last(ref);
  const previous = last?.verification.checks.find((c) => c.kind === 'integrity');
  const same = last?.newest?.id === newest.id && last.newest.size === newest.size && last.newest.time === newest.time;
  if (!previous || !same || previous.status !== 'ok' || previous.command !== integrityCommand(template, newest))
    return null;
  const ranAt = previous.ranAt ?? last.verification.at;
  if (at.getTime() - Date.parse(ranAt) >= INTEGRITY_REUSE_MS) return null;
  return {
    ...previous,
    durationMs: 0,
    ranAt,
    summary: `passed on ${newest.id} ${humanAge(at.getTime() - Date.parse(ranAt))} ago; the copy has not changed since`,
  };
}

function finish(at: Date, deps: VerifyDeps, checks: VerificationCheck[], listed: BackupCopy[] | null): VerifyOutcome {
  const verification: Verification = {
    at: at.toISOString(),
    durationMs: Math.max(0, deps.now().getTime() - at.getTime()),
    status: worstStatus(checks),
    checks,
  };
  const newest = listed?.[0] ?? null;
  return {
    verification,
    newest,
    ageMs: newest ? Math.max(0, at.getTime() - Date.parse(newest.time)) : null,
    copies: listed ? listed.length : null,
    listed,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
