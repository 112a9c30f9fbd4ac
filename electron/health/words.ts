/**
 * How durations and times read in reasons and alerts: "10 s", "3 min", "2 h 5 min", "12 min ago". One place, so
 * the Overview, the tray, Slack and `cockpit status` all say the same thing the same way.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration for people: exact for short ones ("800 ms", "10 s"), rounded down for longer ones. */
export function humanDuration(ms: number): string {
  const value = Math.max(0, ms);
  if (value < SECOND) return `${Math.round(value)} ms`;
  if (value < MINUTE) {
    const s = value / SECOND;
    // Cut, never rounded up, like every other unit here and the screens' clocks: 5.86 s reads 5.8 s everywhere.
    return `${Number.isInteger(s) || s >= 10 ? Math.floor(s) : (Math.floor(s * 10) / 10).toFixed(1)} s`;
  }
  if (value < HOUR) return `${Math.floor(value / MINUTE)} min`;
  if (value < 2 * DAY) {
    const h = Math.floor(value / HOUR);
    const m = Math.floor((value % HOUR) / MINUTE);
    return m === 0 ? `${h} h` : `${h} h ${m} min`;
  }
  return `${Math.floor(value / DAY)} days`;
}

/** "12 min ago", "just now" (under 10 s), "3 days ago". */
export function ago(ms: number): string {
  if (ms < 10 * SECOND) return 'just now';
  return `${humanDuration(ms)} ago`;
}

/** A latency: "12 ms", "1.2 s". */
export function humanLatency(ms: number): string {
  if (ms < SECOND) return `${ms < 10 ? ms.toFixed(1).replace(/\.0$/, '') : Math.round(ms)} ms`;
  return `${(ms / SECOND).toFixed(1).replace(/\.0$/, '')} s`;
}

/** "1 check" / "3 checks". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
