/**
 * A run's live log as lines (deploys, rollbacks, restore drills: the same run events), and how long a step took in
 * words. Pure, shared by every feature that shows a run.
 */
import { type RunEvent } from '../../shared/model/deploys';

/** "4.2 s", "1 min 5 s", "2 h 3 min". */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min${Math.round(s % 60) ? ` ${Math.round(s % 60)} s` : ''}`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h${min % 60 ? ` ${min % 60} min` : ''}`;
  return `${Math.floor(h / 24)} days`;
}

/** A failed step's error without the step's title and host again ("Restart on web-1: …" under "✗ Restart"). */
function stepError(title: string, error: string): string {
  if (!error.startsWith(title)) return error;
  const cut = error.indexOf(': ', title.length);
  return cut === -1 ? error : error.slice(cut + 2);
}

export interface LogLine {
  key: string;
  kind: 'step' | 'ok' | 'fail' | 'out' | 'err' | 'run';
  host: string | null;
  text: string;
}

/**
 * The log as lines: step starts and ends, and output split into lines (a line may arrive in pieces), optionally
 * for one host only. The newest `limit` lines are returned: the tail is what a person watching needs.
 */
export function logLines(events: readonly RunEvent[], host: string | null, limit = 1500): LogLine[] {
  const lines: LogLine[] = [];
  const open = new Map<string, LogLine>();
  let n = 0;
  const push = (line: Omit<LogLine, 'key'>) => {
    const full = { ...line, key: String(n++) };
    lines.push(full);
    return full;
  };
  for (const e of events) {
    if (e.type === 'run.started' || e.type === 'run.ended') continue;
    if (host !== null && e.host !== host && e.host !== null) continue;
    if (e.type === 'step.started') {
      push({ kind: 'step', host: e.host, text: `▸ ${e.title}${e.command ? ` — ${e.command}` : ''}` });
    } else if (e.type === 'step.ended') {
      open.delete(`${e.host}|${e.step}|stdout`);
      open.delete(`${e.host}|${e.step}|stderr`);
      push({
        kind: e.ok ? 'ok' : 'fail',
        host: e.host,
        text: e.ok
          ? `✓ ${e.title} (${duration(e.durationMs)})`
          : `✗ ${e.title}${e.exitCode !== null ? ` — exit ${e.exitCode}` : ''}${e.error ? `: ${stepError(e.title, e.error)}` : ''}`,
      });
    } else {
      const key = `${e.host}|${e.step}|${e.stream}`;
      const parts = e.text.split('\n');
      const last = open.get(key);
      // The rest of a line that arrived in pieces joins it, even when another host's line came in between.
      if (last) last.text += parts.shift() ?? '';
      // A piece that ends a line leaves nothing open; the last piece stays open for what comes next.
      if (last && parts.length === 0) continue; // a piece within the open line: it stays open
      const ends = e.text.endsWith('\n');
      if (ends) parts.pop();
      open.delete(key);
      parts.forEach((text, i) => {
        const line = push({ kind: e.stream === 'stderr' ? 'err' : 'out', host: e.host, text });
        if (!ends && i === parts.length - 1) open.set(key, line);
      });
    }
  }
  return lines.length > limit ? lines.slice(lines.length - limit) : lines;
}
