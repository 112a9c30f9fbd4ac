/**
 * Quiet hours, e.g. "22:00-07:00" in the machine's local time: non-critical alerts wait until the window ends.
 * A window whose start is after its end spans midnight; equal start and end means no quiet hours.
 */

export interface QuietHours {
  /** Minutes after local midnight. */
  start: number;
  end: number;
}

export function parseQuietHours(text: string): QuietHours {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(text.trim());
  const [h1, m1, h2, m2] = (match?.slice(1) ?? []).map(Number);
  const valid = (h?: number, m?: number) => h !== undefined && m !== undefined && h < 24 && m < 60;
  if (!match || !valid(h1, m1) || !valid(h2, m2))
    throw new Error(`expected quiet hours as "HH:MM-HH:MM", got "${text}"`);
  return { start: (h1 as number) * 60 + (m1 as number), end: (h2 as number) * 60 + (m2 as number) };
}

function minuteOfDay(at: number): number {
  const d = new Date(at);
  return d.getHours() * 60 + d.getMinutes();
}

export function isQuiet(quiet: QuietHours, at: number): boolean {
  if (quiet.start === quiet.end) return false;
  const m = minuteOfDay(at);
  return quiet.start < quiet.end ? m >= quiet.start && m < quiet.end : m >= quiet.start || m < quiet.end;
}

/** When the quiet window that contains `at` ends (local time, so DST moves it the way a clock on the wall does). */
export function quietEnds(quiet: QuietHours, at: number): number {
  const end = new Date(at);
  end.setHours(Math.floor(quiet.end / 60), quiet.end % 60, 0, 0);
  if (end.getTime() <= at) end.setDate(end.getDate() + 1);
  return end.getTime();
}
