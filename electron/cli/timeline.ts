/**
 * `cockpit timeline`: the one timeline in a terminal — deploys, rollbacks, health changes, alerts, incidents,
 * budget crossings, backup checks, drills and runbook runs, oldest first — through the same backend and journal as
 * the app. `--help` anywhere prints help and does nothing else.
 */
import { type Timeline, type TimelineEntry, type TimelineKind, timelineKinds } from '../../shared/model/timeline';
import { type Command } from './command';
import { UsageError, backendOptionsOf, parseCommandArgs, reportCommandError } from './args';
import { backendArgHelp, backendArgOptions, withBackend } from './context';
import { type CliIO, EXIT } from './io';
import { parseRange } from '../timeline/range';

export const timelineUsage = `Usage: cockpit timeline [--since 24h] [--until TIME] [--service S] [--env E] [--kind K,K] [--json] [options]

What happened, oldest first: deploys and rollbacks, health changes (down, degraded, recovered), alerts,
incidents, budget crossings, backup checks, drills and runbook runs. Practice (a rollback drill's) is marked.

Options:
  --since WHEN       how far back: 1h, 24h, 7d, 30d, 90d, or an ISO time (default 24h)
  --until TIME       the end of the range, an ISO time (default now)
  --service NAME     only this service
  --env NAME         only this environment
  --kind KINDS       only these kinds, comma-separated: ${timelineKinds.join(', ')}
  --limit N          at most this many entries, the newest kept (default 2000, at most 5000)
  --json             print the timeline as JSON (the app's contract: from, to, entries, truncated, ...)
${backendArgHelp}
  -h, --help         print this help and do nothing else

Exit status: 0 done, 1 the timeline could not be read, 2 usage error.
`;

const options = {
  ...backendArgOptions,
  since: { type: 'string' },
  until: { type: 'string' },
  service: { type: 'string' },
  env: { type: 'string' },
  kind: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const marks: Record<TimelineEntry['tone'], string> = { ok: '✓', warn: '!', bad: '✗', info: '·' };

/** "2026-12-06 22:01" (UTC): the table's time column. */
const minute = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

function durationText(entry: TimelineEntry): string {
  if (entry.endAt === null) return '';
  const ms = Date.parse(entry.endAt) - Date.parse(entry.at);
  if (!(ms >= 1000)) return '';
  const s = Math.round(ms / 1000);
  if (s < 90) return ` (${s} s)`;
  const m = Math.round(s / 60);
  return m < 90 ? ` (${m} min)` : ` (${Math.round(m / 6) / 10} h)`;
}

export function timelineText(timeline: Timeline): string {
  const lines = [`From ${minute(timeline.from)} to ${minute(timeline.to)} UTC`];
  if (timeline.entries.length === 0) {
    lines.push('', 'Nothing happened in this range (or nothing matched the filters).');
    return `${lines.join('\n')}\n`;
  }
  if (timeline.truncated) lines.push(`Only the newest ${timeline.entries.length} entries: ask for a shorter range.`);
  const where = (e: TimelineEntry) => [e.service, e.environment].filter(Boolean).join('/') || '—';
  const kindWidth = Math.max(...timeline.entries.map((e) => e.kind.length));
  const whereWidth = Math.max(...timeline.entries.map((e) => where(e).length));
  lines.push('');
  for (const e of timeline.entries) {
    const practice = e.practice ? ' [practice]' : '';
    lines.push(
      `${minute(e.at)}  ${marks[e.tone]} ${e.kind.padEnd(kindWidth)}  ${where(e).padEnd(whereWidth)}  ${e.title}${durationText(e)}${practice}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function parseKinds(text: string): TimelineKind[] {
  const asked = text
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const unknown = asked.filter((k) => !(timelineKinds as readonly string[]).includes(k));
  if (unknown.length > 0 || asked.length === 0) {
    throw new UsageError(
      `unknown kind "${unknown[0] ?? text}": use one or more of ${timelineKinds.join(', ')}, comma-separated`,
    );
  }
  return asked as TimelineKind[];
}

function parseLimit(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 5000)
    throw new UsageError(`--limit must be a whole number from 1 to 5000, not "${text}"`);
  return n;
}

export async function runTimeline(argv: string[], io: CliIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(timelineUsage);
    return EXIT.ok;
  }
  try {
    const { values, positionals } = parseCommandArgs(argv, options, true);
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const query = {
      since: values.since ?? '24h',
      ...(values.until !== undefined ? { until: values.until } : {}),
      ...(values.service !== undefined ? { service: values.service } : {}),
      ...(values.env !== undefined ? { environment: values.env } : {}),
      ...(values.kind !== undefined ? { kinds: parseKinds(values.kind) } : {}),
      limit: values.limit !== undefined ? parseLimit(values.limit) : 2000,
    };
    // A bad --since or --until is a usage error, said before the journal is opened.
    try {
      parseRange(query, new Date());
    } catch (error) {
      throw new UsageError((error as Error).message.replace(/^"since"/, '--since').replace(/^"until"/, '--until'));
    }
    return await withBackend({ ...backendOptionsOf(values), io }, async (backend) => {
      const timeline = await backend.handlers['timeline.list'](query);
      io.stdout(values.json ? JSON.stringify(timeline, null, 2) : timelineText(timeline));
      return EXIT.ok;
    });
  } catch (error) {
    return reportCommandError(error, io, 'cockpit timeline', timelineUsage);
  }
}

export const timelineCommands: Record<string, Command> = {
  timeline: {
    summary:
      'what happened, oldest first: deploys, health changes, alerts, incidents, budgets, backups, drills, runbooks',
    run: runTimeline,
  },
};
