/**
 * Whether a deploy lock was left by a run of this machine that no longer exists. A lock records the pid, the
 * machine's boot and the process's start time of the cockpit that took it; that is enough to say "gone" for
 * sure on this machine (never for another machine: there the lock may well be live, so it is never stale).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { type LockInfo } from '../../shared/model/deploys';
import { isProcessAlive } from '../journal/process-identity';

/** What this machine and a process on it look like, so tests can stand in for /proc and `ps`. */
export interface MachineView {
  machine: string;
  bootId: string;
  isAlive: (pid: number) => boolean;
  /** The start time of a running process as `processStartOf` writes it, or null when it cannot be read. */
  startOf: (pid: number) => string | null;
}

const BOOT_TIME_PREFIX = 'boot-time:';

/** Linux: the kernel's boot id. Elsewhere: the boot time to the minute (uptime is coarse; compared with slack). */
export function currentBootId(): string {
  try {
    const id = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    if (id) return id;
  } catch {
    // Not Linux: fall back to the boot time.
  }
  const bootMinute = Math.round((Date.now() - uptime() * 1000) / 60_000);
  return `${BOOT_TIME_PREFIX}${bootMinute}`;
}

/** Linux: the start time in clock ticks after boot (/proc/PID/stat field 22). Elsewhere: `ps -o lstart`. */
export function processStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = fields[19];
    if (ticks) return `ticks:${ticks}`;
  } catch {
    // No /proc (or the process is gone): ask ps.
  }
  try {
    const text = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', timeout: 5000 }).trim();
    const at = Date.parse(text);
    return Number.isNaN(at) ? null : `at:${Math.round(at / 1000)}`;
  } catch {
    return null;
  }
}

export function thisMachine(): MachineView {
  return { machine: hostname(), bootId: currentBootId(), isAlive: isProcessAlive, startOf: processStartOf };
}

/** What a lock taken by this process records about it. */
export function lockIdentity(): Pick<LockInfo, 'pid' | 'bootId' | 'processStart'> {
  return { pid: process.pid, bootId: currentBootId(), processStart: processStartOf(process.pid) ?? undefined };
}

function sameBoot(a: string, b: string): boolean {
  if (a === b) return true;
  if (!a.startsWith(BOOT_TIME_PREFIX) || !b.startsWith(BOOT_TIME_PREFIX)) return false;
  return Math.abs(Number(a.slice(BOOT_TIME_PREFIX.length)) - Number(b.slice(BOOT_TIME_PREFIX.length))) <= 2;
}

/**
 * Why the lock is stale, in words, or null when it is not (or cannot be told: another machine, an old lock
 * without a pid, a lock made by hand).
 */
export function staleReason(info: Partial<LockInfo> | null, view: MachineView): string | null {
  if (!info?.from || info.from !== view.machine || info.pid === undefined || !info.bootId) return null;
  const who = `held by pid ${info.pid} on this machine (${view.machine})`;
  if (!sameBoot(info.bootId, view.bootId)) return `${who}, which ran before the machine restarted`;
  if (!view.isAlive(info.pid)) return `${who}, which is no longer running`;
  const start = view.startOf(info.pid);
  if (info.processStart && start && start !== info.processStart) {
    return `${who}, which is no longer running (that pid now belongs to another process)`;
  }
  return null;
}
