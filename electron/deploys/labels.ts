/** Human time phrases for release choices: "15 min ago", "healthy for 3 days". */

export function ago(ms: number): string {
  if (ms < 60_000) return 'just now';
  return `${span(ms)} ago`;
}

/** A rounded span: "40 s", "15 min", "3 h", "3 days". */
export function span(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h`;
  const days = Math.floor(h / 24);
  return `${days} day${days === 1 ? '' : 's'}`;
}
