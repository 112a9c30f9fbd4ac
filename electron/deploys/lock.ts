/**
 * The deploy lock on a host: `mkdir <path>/.cockpit-lock` is atomic, so exactly one cockpit (or teammate) wins;
 * `info.json` inside says who, when, what and why, and a token so a run removes only its own lock. Reading a
 * lock never takes it; force-releasing is the caller's decision (and is journaled there).
 */
import { type LockInfo, lockInfoSchema } from '../../shared/model/deploys';
import { quotePath, sh } from '../remote/quote';
import { type ExecResult } from '../remote/types';

export type Exec = (command: string) => Promise<ExecResult>;

const ACQUIRED = 'COCKPIT-LOCK-ACQUIRED';
const HELD = 'COCKPIT-LOCK-HELD';

/** What a lock's info.json says (a hand-made lock may hold any text, kept as `why`). */
export function parseLockInfo(text: string): Partial<LockInfo> | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  try {
    const parsed = lockInfoSchema.partial().safeParse(JSON.parse(trimmed));
    return parsed.success ? parsed.data : { why: trimmed.slice(0, 200) };
  } catch {
    return { why: trimmed.slice(0, 200) };
  }
}

function check(result: ExecResult, what: string): ExecResult {
  if (result.exitCode !== 0) {
    throw new Error(
      `${result.host}: could not ${what} (exit ${result.exitCode}): ${(result.stderr || result.stdout).trim().slice(-500)}`,
    );
  }
  return result;
}

export async function acquireLock(
  exec: Exec,
  base: string,
  info: LockInfo,
): Promise<{ acquired: true } | { acquired: false; holder: Partial<LockInfo> | null }> {
  const script = [
    `base=${quotePath(base)}`,
    'mkdir -p "$base" || exit 2',
    'if mkdir "$base/.cockpit-lock" 2>/dev/null; then',
    sh`  printf '%s\n' ${JSON.stringify(info)} > "$base/.cockpit-lock/info.json" || exit 2`,
    `  echo ${ACQUIRED}`,
    'else',
    `  echo ${HELD}`,
    // A lock made by hand (or being taken this instant) may have no info.json yet.
    '  cat "$base/.cockpit-lock/info.json" 2>/dev/null || true',
    'fi',
  ].join('\n');
  const result = check(await exec(script), 'take the deploy lock');
  const [first, ...rest] = result.stdout.split('\n');
  if (first?.trim() === ACQUIRED) return { acquired: true };
  if (first?.trim() === HELD) return { acquired: false, holder: parseLockInfo(rest.join('\n')) };
  throw new Error(`${result.host}: unexpected answer while taking the lock: ${result.stdout.slice(0, 200)}`);
}

export type ReleaseAnswer = 'released' | 'not-ours' | 'free';

function releaseLines(base: string, token: string): string[] {
  return [
    `base=${quotePath(base)}`,
    sh`if grep -qF ${token} "$base/.cockpit-lock/info.json" 2>/dev/null; then rm -rf "$base/.cockpit-lock" && echo released;`,
    'elif [ -d "$base/.cockpit-lock" ]; then echo not-ours; else echo free; fi',
  ];
}

function releaseAnswer(stdout: string): ReleaseAnswer {
  const answer = stdout.trim().split('\n').pop()?.trim();
  return answer === 'released' || answer === 'not-ours' ? answer : 'free';
}

/** Removes the lock only if this run holds it (its token is inside). */
export async function releaseOwnLock(exec: Exec, base: string, token: string): Promise<ReleaseAnswer> {
  return releaseAnswer(check(await exec(releaseLines(base, token).join('\n')), 'release the deploy lock').stdout);
}

const AUDIT_FAILED = 'COCKPIT-AUDIT-FAILED';

/**
 * A run's end on one host in one round trip: appends its last audit line (`auditScript`), then removes the lock
 * if this run holds it. The audit runs in a subshell, so its failure is reported and never keeps the lock.
 * Throws only when the host could not be asked at all (then neither happened, as far as anyone knows).
 */
export async function auditAndReleaseOwnLock(
  exec: Exec,
  base: string,
  token: string,
  auditScript: string,
): Promise<{ lock: ReleaseAnswer | Error; audit: Error | null }> {
  const script = [`( ${auditScript}\n) 2>&1 || echo ${AUDIT_FAILED}`, ...releaseLines(base, token)].join('\n');
  const result = await exec(script);
  const lines = result.stdout.split('\n');
  const failedAt = lines.findIndex((l) => l.trim() === AUDIT_FAILED);
  const audit =
    failedAt < 0 ? null : new Error(lines.slice(0, failedAt).join(' ').trim() || 'the audit log could not be written');
  let lock: ReleaseAnswer | Error;
  try {
    lock = releaseAnswer(check(result, 'release the deploy lock').stdout);
  } catch (error) {
    lock = error as Error;
  }
  return { lock, audit };
}

export async function forceReleaseLock(exec: Exec, base: string): Promise<void> {
  check(await exec(`rm -rf ${quotePath(base)}/.cockpit-lock`), 'remove the deploy lock');
}

export async function readLock(exec: Exec, base: string): Promise<{ held: boolean; info: Partial<LockInfo> | null }> {
  const script = [
    `base=${quotePath(base)}`,
    `if [ -d "$base/.cockpit-lock" ]; then echo ${HELD}; cat "$base/.cockpit-lock/info.json" 2>/dev/null; fi`,
    'true',
  ].join('\n');
  const result = check(await exec(script), 'read the deploy lock');
  const [first, ...rest] = result.stdout.split('\n');
  if (first?.trim() !== HELD) return { held: false, info: null };
  return { held: true, info: parseLockInfo(rest.join('\n')) };
}

/** "locked by alice@laptop since 2025-01-01T12:00:00Z for deploy 2025…-8b71ff7 — hotfix for checkout". */
export function describeLock(info: Partial<LockInfo> | null): string {
  if (!info) return 'locked (no details in the lock; someone may be taking it right now)';
  const who = info.who ? `by ${info.who}${info.from ? ` on ${info.from}` : ''}` : 'by someone';
  const when = info.when ? ` since ${info.when}` : '';
  const what = info.what ? ` for ${info.what}` : '';
  const why = info.why ? ` — ${info.why}` : '';
  return `locked ${who}${when}${what}${why}`;
}

/** "web-1: locked by alice@laptop since … — hotfix for checkout". */
export function describeHolder(host: string, info: Partial<LockInfo> | null): string {
  return `${host}: ${describeLock(info)}`;
}
