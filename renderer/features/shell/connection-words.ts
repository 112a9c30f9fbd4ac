/**
 * What the top bar and the connection banner say about the link to the backend. Pure (the clock is passed in), so
 * "stale since 22:14" and "next in 8 s" are unit-tested without timers.
 */
import { type ConnectionDetails, type ConnectionState } from '../../bridge/connection';

export type ConnectionTone = 'ok' | 'warn' | 'bad' | 'running';

/** What <html data-connection> says: CSS fades every live status while it is "stale". */
export type ConnectionFreshness = 'live' | 'connecting' | 'stale';

const pad = (n: number) => String(n).padStart(2, '0');

/** "22:14", local time, 24-hour: the minute the data on screen is from. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "22:15:03": an attempt seconds apart from the next needs its seconds. */
export function clockTimeWithSeconds(ms: number): string {
  return `${clockTime(ms)}:${pad(new Date(ms).getSeconds())}`;
}

export function freshnessOf(state: ConnectionState): ConnectionFreshness {
  if (state === 'open') return 'live';
  if (state === 'connecting') return 'connecting';
  // Refused and bridge-missing replace the whole app; what is left on screen otherwise is out of date.
  return 'stale';
}

/** The top bar's status: never "live" unless the link is open. */
export function connectionLabel(details: ConnectionDetails): { label: string; tone: ConnectionTone } {
  switch (details.state) {
    case 'open':
      return { label: 'Connected', tone: 'ok' };
    case 'connecting':
      return { label: 'Connecting…', tone: 'running' };
    case 'reconnecting':
      return details.lastReceivedAt === null
        ? { label: 'Cannot reach the backend — retrying…', tone: 'warn' }
        : { label: `Stale since ${clockTime(details.lastReceivedAt)} — reconnecting…`, tone: 'warn' };
    case 'session-ended':
      return {
        label: details.lastReceivedAt === null ? 'Session ended' : `Stale since ${clockTime(details.lastReceivedAt)}`,
        tone: 'bad',
      };
    case 'refused':
      return { label: 'Token refused', tone: 'bad' };
    case 'bridge-missing':
      return { label: 'No bridge to the backend', tone: 'bad' };
  }
}

/** "Last tried 22:15:03 · next in 8 s"; "Trying again now…" while an attempt is under way. */
export function retryLine(details: ConnectionDetails, now: number): string {
  const parts: string[] = [];
  if (details.lastAttemptAt !== null) parts.push(`Last tried ${clockTimeWithSeconds(details.lastAttemptAt)}`);
  if (details.nextAttemptAt === null) parts.push('trying again now…');
  else {
    const seconds = Math.ceil((details.nextAttemptAt - now) / 1000);
    parts.push(seconds > 0 ? `next in ${seconds} s` : 'trying again now…');
  }
  const line = parts.join(' · ');
  return line.charAt(0).toUpperCase() + line.slice(1);
}
