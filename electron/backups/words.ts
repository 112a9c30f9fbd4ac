/**
 * How backups read in reasons, alerts and the CLI: "31 h", "1.2 MB", "8 %". One place, so the Backups screen, the
 * Overview card, Slack and `cockpit backups` say the same thing the same way.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** An age or a target: "45 s", "12 min", "31 h", "3 days". Rounded down, as a person would say it. */
export function humanAge(ms: number): string {
  const value = Math.max(0, ms);
  if (value < MINUTE) return `${Math.floor(value / SECOND)} s`;
  if (value < HOUR) return `${Math.floor(value / MINUTE)} min`;
  if (value < 3 * DAY) return `${Math.floor(value / HOUR)} h`;
  return `${Math.floor(value / DAY)} days`;
}

/** "1.2 MB": one way of writing sizes everywhere. */
export { formatBytes as humanBytes } from '../../shared/text/bytes';

/** "8 %", "0.4 %": whole numbers unless that would say 0. */
export function humanPercent(share: number): string {
  const value = share * 100;
  return `${value >= 1 || value === 0 ? Math.round(value) : value.toFixed(1)} %`;
}

/** "1 copy" / "3 copies". */
export function copiesWord(n: number): string {
  return `${n} ${n === 1 ? 'copy' : 'copies'}`;
}

/** The last `max` characters of a command's output, trimmed, for a check's evidence. */
export function outputTail(text: string, max = 2000): string {
  const trimmed = text.trim();
  return trimmed.length > max ? `…${trimmed.slice(-max)}` : trimmed;
}

/** The last non-empty line of an output, for a one-line summary. */
export function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.at(-1) ?? '';
}
