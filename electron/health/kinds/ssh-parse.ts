/**
 * Pure readers of what Linux hosts print: /proc/loadavg, /proc/meminfo, `df -P` and `systemctl is-active`.
 * Kept apart from the transport so every format quirk is unit-tested without a host.
 */

/** "0.52 0.58 0.59 1/467 12345" → the 1, 5 and 15 minute load averages. */
export function parseLoadavg(text: string): { load1: number; load5: number; load15: number } {
  const [a, b, c] = text.trim().split(/\s+/).map(Number);
  if (![a, b, c].every((n) => typeof n === 'number' && Number.isFinite(n))) {
    throw new Error(`unexpected /proc/loadavg: "${text.trim().slice(0, 80)}"`);
  }
  return { load1: a as number, load5: b as number, load15: c as number };
}

/**
 * Memory in use as a percentage of MemTotal. "In use" is MemTotal − MemAvailable (the kernel's own estimate of
 * what could be handed out without swapping), so page cache does not count as used. Kernels before 3.14 lack
 * MemAvailable: then free + buffers + cached stands in for it.
 */
export function parseMeminfo(text: string): { usedPercent: number; totalKiB: number; availableKiB: number } {
  const fields = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^(\w+(?:\(\w+\))?):\s+(\d+)/.exec(line);
    if (match?.[1] && match[2]) fields.set(match[1], Number(match[2]));
  }
  const total = fields.get('MemTotal');
  if (!total) throw new Error('unexpected /proc/meminfo: no MemTotal');
  const available =
    fields.get('MemAvailable') ??
    (fields.get('MemFree') ?? 0) + (fields.get('Buffers') ?? 0) + (fields.get('Cached') ?? 0);
  return { usedPercent: ((total - available) / total) * 100, totalKiB: total, availableKiB: available };
}

/**
 * `df -P <path>` (POSIX format, one line per filesystem even with long device names) → used % of the mount that
 * holds the path. Computed as used / (used + available), like df's own Capacity column, which leaves out the
 * blocks reserved for root.
 */
export function parseDfP(text: string): { usedPercent: number; mount: string; usedKiB: number; availableKiB: number } {
  const lines = text.trim().split('\n').filter(Boolean);
  const row = lines.at(-1);
  if (lines.length < 2 || !row) throw new Error(`unexpected df output: "${text.trim().slice(0, 80)}"`);
  const cols = row.trim().split(/\s+/);
  // Filesystem, blocks, used, available, capacity, mounted on (which may contain spaces: join the rest).
  const used = Number(cols[2]);
  const available = Number(cols[3]);
  const mount = cols.slice(5).join(' ');
  if (!Number.isFinite(used) || !Number.isFinite(available) || !mount) {
    throw new Error(`unexpected df output: "${row.slice(0, 80)}"`);
  }
  const usable = used + available;
  return { usedPercent: usable === 0 ? 0 : (used / usable) * 100, mount, usedKiB: used, availableKiB: available };
}

/** `systemctl is-active <unit>` prints one word: active, inactive, failed, activating, deactivating … */
export function parseIsActive(stdout: string): { active: boolean; state: string } {
  const state = stdout.trim().split('\n')[0]?.trim() || 'unknown';
  return { active: state === 'active', state };
}

/** Quotes one argument for a POSIX shell: 'it'\''s'. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
