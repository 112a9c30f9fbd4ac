/**
 * The drill lock on the drill host: one drill of a backup at a time, whoever runs it (this app, a teammate's, the
 * CLI). `mkdir` is atomic, so exactly one wins; `info.json` inside says who, when and which run, and a token so a
 * drill removes only its own lock. A lock left by a drill of this machine that no longer exists is named stale,
 * with the one command that frees it.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type LockInfo } from '../../../shared/model/deploys';
import { parseLockInfo, describeLock } from '../../deploys/lock';
import { lockIdentity, staleReason, thisMachine } from '../../deploys/stale-lock';
import { quotePath, sh } from '../../remote/quote';
import { type ExecResult } from '../../remote/types';

export type Exec = (command: string) => Promise<ExecResult>;

const ACQUIRED = 'COCKPIT-DRILL-LOCK-ACQUIRED';
const HELD = 'COCKPIT-DRILL-LOCK-HELD';

/** Under the login user's home on the drill host: one folder per backup. */
export function drillLockDir(service: string, backup: string): string {
  return `~/.cockpit/drill-locks/${service}.${backup}`;
}

export function drillLockInfo(actor: string, runId: string, what: string, at: Date): LockInfo {
  return {
    who: actor,
    when: at.toISOString(),
    what,
    why: `restore drill ${runId}`,
    from: hostname(),
    token: randomUUID(),
    ...lockIdentity(),
  };
}

function checked(result: ExecResult, what: string): ExecResult {
  if (result.exitCode !== 0) {
    const said = (result.stderr || result.stdout).trim().slice(-300);
    throw new Error(`${result.host}: could not ${what} (exit ${result.exitCode})${said ? `: ${said}` : ''}`);
  }
  return result;
}

export async function takeDrillLock(
  exec: Exec,
  dir: string,
  info: LockInfo,
): Promise<{ acquired: true } | { acquired: false; holder: Partial<LockInfo> | null }> {
  const script = [
    `d=${quotePath(dir)}`,
    'mkdir -p "$(dirname "$d")" || exit 2',
    'if mkdir "$d" 2>/dev/null; then',
    sh`  printf '%s\n' ${JSON.stringify(info)} > "$d/info.json" || exit 2`,
    `  echo ${ACQUIRED}`,
    'else',
    `  echo ${HELD}`,
    '  cat "$d/info.json" 2>/dev/null || true',
    'fi',
  ].join('\n');
  const result = checked(await exec(script), 'take the drill lock');
  const [first, ...rest] = result.stdout.split('\n');
  if (first?.trim() === ACQUIRED) return { acquired: true };
  if (first?.trim() === HELD) return { acquired: false, holder: parseLockInfo(rest.join('\n')) };
  throw new Error(`${result.host}: unexpected answer while taking the drill lock: ${result.stdout.slice(0, 200)}`);
}

/** Removes the lock only when this drill holds it (its token is inside). */
export async function releaseDrillLock(exec: Exec, dir: string, token: string): Promise<void> {
  const script = [
    `d=${quotePath(dir)}`,
    sh`if grep -qF ${token} "$d/info.json" 2>/dev/null; then rm -rf "$d"; fi`,
  ].join('\n');
  checked(await exec(script), 'release the drill lock');
}

/** Why the drill cannot start, and what to do about it: wait, or free a stale lock with one command. */
export function drillLockMessage(what: string, host: string, dir: string, holder: Partial<LockInfo> | null): string {
  const stale = staleReason(holder, thisMachine());
  const held = describeLock(holder).replace(/^locked/, 'held');
  if (stale) {
    return `A drill of ${what} cannot start: the drill lock on ${host} is ${held}, ${stale}, so it is stale. Free it with \`ssh ${host} rm -rf ${dir}\` (or remove ${dir} on ${host}), then start the drill again.`;
  }
  return `A drill of ${what} is already running on ${host}: the drill lock is ${held}. Wait for it to end (or cancel it where it runs), then start again. If you know no drill is running, remove ${dir} on ${host}.`;
}
