/**
 * The time range a timeline question asks about: `since` as an ISO time or a duration back from now (`1h`, `24h`,
 * `7d`, `30d`, `90d`), `until` as an ISO time (default now). Bad input is refused naming the field and what would
 * work, so the CLI and the screen can show it as it is.
 */
import { CockpitError } from '../../shared/rpc';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** Past a year the journal's retention has nothing to show, and a typo (`2400d`) should not scan everything. */
const MAX_SPAN_MS = 400 * UNIT_MS.d;

export interface TimeRange {
  from: number;
  to: number;
}

/** A duration like `90m`, `24h` or `30d` in ms, or null when the text is not one. */
export function parseDuration(text: string): number | null {
  const match = /^\s*(\d{1,5})\s*([mhd])\s*$/i.exec(text);
  if (!match) return null;
  const unit = (match[2] as string).toLowerCase() as keyof typeof UNIT_MS;
  const ms = Number(match[1]) * UNIT_MS[unit];
  return ms > 0 ? ms : null;
}

function parseTime(field: string, text: string): number {
  const trimmed = text.trim();
  // Date.parse accepts "5" or "June"; only a date-shaped text is taken for a time.
  const at = /^\d{4}-\d{2}-\d{2}/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(at)) {
    throw new CockpitError(
      'BAD_REQUEST',
      `"${field}" must be an ISO time like 2026-12-06T22:00:00Z${field === 'since' ? ' or a duration like 1h, 24h, 7d or 30d' : ''}, not ${JSON.stringify(text)}.`,
    );
  }
  return at;
}

export function parseRange(query: { since: string; until?: string | undefined }, now: Date): TimeRange {
  const to = query.until === undefined ? now.getTime() : parseTime('until', query.until);
  const back = parseDuration(query.since);
  const from = back === null ? parseTime('since', query.since) : to - back;
  if (from >= to) {
    throw new CockpitError(
      'BAD_REQUEST',
      `"since" (${new Date(from).toISOString()}) must be before "until" (${new Date(to).toISOString()}).`,
    );
  }
  if (to - from > MAX_SPAN_MS) {
    throw new CockpitError('BAD_REQUEST', `"since" reaches back more than 400 days: ask for a shorter range.`);
  }
  return { from, to };
}
