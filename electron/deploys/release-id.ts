/**
 * Release ids: `20250101T120000Z-8b71ff7` — the UTC time the release was made and a short ref (a commit's first
 * seven characters, a tag, or a content hash). Sorting ids as text sorts them by time, which retention and
 * rollback rely on; ids made by others (any directory name) still work, ordered by their directory's time.
 */

const ID_PATTERN = /^(\d{8}T\d{6}Z)(?:-([A-Za-z0-9._-]+))?$/;

/** A ref made safe for a directory name: a commit becomes its first 7 characters. */
export function shortRef(ref: string): string {
  const trimmed = ref.trim();
  if (/^[0-9a-f]{7,64}$/i.test(trimmed)) return trimmed.slice(0, 7).toLowerCase();
  const safe = trimmed.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '');
  return safe.slice(0, 24) || 'release';
}

export function makeReleaseId(at: Date, ref: string): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `${stamp}-${shortRef(ref)}`;
}

export interface ParsedReleaseId {
  createdAt: Date | null;
  ref: string | null;
}

export function parseReleaseId(id: string): ParsedReleaseId {
  const match = ID_PATTERN.exec(id);
  if (!match) return { createdAt: null, ref: null };
  const s = match[1] as string;
  const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`;
  const createdAt = new Date(iso);
  return { createdAt: Number.isNaN(createdAt.getTime()) ? null : createdAt, ref: match[2] ?? null };
}

/** Names a release directory may have: no path separators, nothing hidden, nothing a shell glob could widen. */
export function isValidReleaseId(id: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(id);
}

/**
 * The id a new release gets on hosts that already hold `taken`: it must sort after every one of them, or retention
 * and rollback (which order by id) would take an older release for the newest. Two deploys in the same second, or
 * a host whose clock ran ahead, would break that; such an id is moved to one second after the newest one.
 */
export function nextReleaseId(id: string, taken: ReadonlySet<string>): string {
  const { createdAt, ref } = parseReleaseId(id);
  if (!createdAt || !ref) return uniqueReleaseId(id, taken);
  let newest = -Infinity;
  for (const other of taken) {
    const at = parseReleaseId(other).createdAt?.getTime();
    if (at !== undefined && at > newest) newest = at;
  }
  const next = createdAt.getTime() > newest ? id : makeReleaseId(new Date(newest + 1000), ref);
  return uniqueReleaseId(next, taken);
}

/** A fresh id not already used on any host (a second deploy in the same second gets `-2`). */
export function uniqueReleaseId(id: string, taken: ReadonlySet<string>): string {
  if (!taken.has(id)) return id;
  for (let n = 2; ; n++) {
    const candidate = `${id}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
