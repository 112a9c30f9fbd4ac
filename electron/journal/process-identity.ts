/**
 * Who wrote an action, so recovery after a crash can tell "the process that began this died" from "another
 * process (the CLI during a deploy, a second window) is still running it".
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { uptime } from 'node:os';

/** Different in every process, even one that reuses an old pid. */
export const processBootId: string = randomUUID();

/**
 * A time-sortable action id: the start time (UTC, compact ISO) and random bytes, so ids from two processes in the
 * same millisecond differ and `ORDER BY id` is roughly chronological.
 */
export function newActionId(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '');
  return `${stamp}-${randomBytes(5).toString('hex')}`;
}

/**
 * Whether an earlier writer may still be running. False when it started before this machine booted (the pid may
 * have been reused since) or when no process has that pid.
 */
export function mayStillBeRunning(writer: { pid: number; bootId: string; startedAt: string }): boolean {
  if (writer.bootId === processBootId) return true;
  if (writer.pid === process.pid) return false;
  if (Date.parse(writer.startedAt) < machineBootTime()) return false;
  return isProcessAlive(writer.pid);
}

function machineBootTime(): number {
  // A minute of slack: uptime is coarse and the clock may have been stepped since boot.
  return Date.now() - uptime() * 1000 - 60_000;
}

export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else — alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
