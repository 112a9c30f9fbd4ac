/**
 * `cockpit incidents`, `cockpit incident show ID` and `cockpit incident ack ID`: the Incidents screen in a
 * terminal, through the same backend and journal as the app. The list shows open incidents first, then recent ones,
 * the real 30/90-day figures and the drills' figures apart; `show` prints one incident's timeline and figures, or
 * its post-mortem as Markdown; `ack` says "I'm on it" as `cli:<user>`. `--help` anywhere prints help and does
 * nothing else.
 */
import { userInfo } from 'node:os';
import { type IncidentsList } from '../../shared/api/incidents';
import { type Incident, type IncidentStats, type IncidentSummary } from '../../shared/model/incidents';
import { figureText } from '../incidents/figures';
import { utc } from '../incidents/postmortem';
import { type Command } from './command';
import { UsageError, backendOptionsOf, parseCommandArgs, reportCommandError } from './args';
import { backendArgHelp, backendArgOptions, withBackend } from './context';
import { type CliIO, EXIT } from './io';

export const incidentsUsage = `Usage: cockpit incidents [--all] [--json] [options]

Incidents, open ones first, then the recent ones; the figures for the last 30 and 90 days (time to detect, to
acknowledge, to recover) from real incidents only; rollback drills' incidents counted apart; open action items.

Options:
  --all              every incident the journal holds (default: open ones and the 20 most recent)
  --json             print the result as JSON (the app's contract: incidents, stats, practiceStats, openActionItems)
${backendArgHelp}
  -h, --help         print this help and do nothing else

Exit status: 0 no incident is open, 1 at least one real incident is open, 2 usage error.
`;

export const incidentUsage = `Usage: cockpit incident show ID [--format md] [--json] [options]
       cockpit incident ack ID [options]

  cockpit incident show ID             the incident's timeline, figures and action items
  cockpit incident show ID --format md its post-mortem as Markdown (the saved text, else the draft)
  cockpit incident ack ID              "I'm on it": records you (cli:<user>) as acknowledging it

Options:
  --format FORMAT    text (default) or md
  --json             print the incident as JSON (show only)
${backendArgHelp}
  -h, --help         print this help and do nothing else

Exit status: 0 done, 1 no such incident or it could not be acknowledged, 2 usage error.
`;

const listOptions = {
  ...backendArgOptions,
  all: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const showOptions = {
  ...backendArgOptions,
  format: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const RECENT = 20;

function statusCell(i: IncidentSummary, now: number): string {
  if (i.status === 'open') {
    const ack = i.acknowledgedAt ? 'acknowledged' : 'not acknowledged';
    return `open for ${figureText(now - Date.parse(i.startedAt))}, ${ack}`;
  }
  return `resolved after ${figureText(i.figures.recoverMs)}`;
}

function incidentLine(i: IncidentSummary, now: number): string {
  const mark = i.status === 'open' ? '●' : '✓';
  const practice = i.drillId ? ` [practice: ${i.drillId}]` : '';
  return `  ${mark} ${i.title}${practice} — ${statusCell(i, now)} · started ${utc(i.startedAt)} · ${i.id}`;
}

function statsLine(label: string, s: IncidentStats): string {
  if (s.incidents === 0) return `${label}: no incidents`;
  const n = `${s.incidents} incident${s.incidents === 1 ? '' : 's'}`;
  return `${label}: ${n} · time to detect ${figureText(s.mttdMs)} · to acknowledge ${figureText(s.mttaMs)} · to recover ${figureText(s.mttrMs)} (means)`;
}

export function incidentsText(list: IncidentsList, now: number): string {
  const open = list.incidents.filter((i) => i.status === 'open');
  const recent = list.incidents.filter((i) => i.status !== 'open');
  const lines: string[] = [];
  lines.push(open.length ? 'Open:' : 'No incident is open.');
  for (const i of open) lines.push(incidentLine(i, now));
  if (recent.length) lines.push('', 'Recent:', ...recent.map((i) => incidentLine(i, now)));
  lines.push(
    '',
    statsLine('Last 30 days', list.stats.last30),
    statsLine('Last 90 days', list.stats.last90),
    statsLine('Rollback drills, kept apart (30 days)', list.practiceStats.last30),
  );
  if (list.openActionItems.length) {
    lines.push('', 'Open action items:');
    for (const a of list.openActionItems) {
      const who = [a.owner, a.due ? `due ${a.due}` : null].filter(Boolean).join(', ');
      lines.push(`  [ ] ${a.text}${who ? ` — ${who}` : ''} (${a.incidentTitle}, ${a.incidentId})`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function incidentText(incident: Incident, now: number): string {
  const f = incident.figures;
  const lines = [
    `${incident.title}${incident.drillId ? ` [practice: rollback drill ${incident.drillId}]` : ''}`,
    `  id: ${incident.id}`,
    `  status: ${incident.status === 'open' ? `open for ${figureText(now - Date.parse(incident.startedAt))}` : `resolved at ${utc(incident.resolvedAt ?? incident.openedAt)}`}`,
    `  what failed: ${incident.cause ?? 'unknown'}`,
    `  acknowledged: ${incident.acknowledgedAt ? `${utc(incident.acknowledgedAt)} by ${incident.acknowledgedBy ?? '?'}` : 'not yet (cockpit incident ack ' + incident.id + ')'}`,
    '',
    `  time to detect (first failing sample → alert):      ${figureText(f.detectMs)}`,
    `  time to acknowledge (alert → "I'm on it"):          ${figureText(f.acknowledgeMs)}`,
    `  time to recover (first failing sample → healthy):   ${figureText(f.recoverMs)}`,
    '',
    'Timeline:',
    ...incident.timeline.map((e) => `  ${utc(e.at)}  ${e.title}${e.detail ? ` (${e.detail})` : ''}`),
  ];
  if (incident.actionItems.length) {
    lines.push('', 'Action items:');
    for (const a of incident.actionItems) {
      const who = [a.owner, a.due ? `due ${a.due}` : null].filter(Boolean).join(', ');
      lines.push(`  [${a.done ? 'x' : ' '}] ${a.text}${who ? ` — ${who}` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function runIncidents(argv: string[], io: CliIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(incidentsUsage);
    return EXIT.ok;
  }
  try {
    const { values, positionals } = parseCommandArgs(argv, listOptions, true);
    if (positionals.length > 0) {
      const [first] = positionals;
      const hint =
        first === 'show' || first === 'ack' ? ` (did you mean \`cockpit incident ${positionals.join(' ')}\`?)` : '';
      throw new UsageError(`unexpected argument "${first}"${hint}`);
    }
    return await withBackend({ ...backendOptionsOf(values), io }, async (backend) => {
      const list = await backend.handlers['incidents.list']({ limit: values.all ? 500 : 100 });
      const open = list.incidents.filter((i) => i.status === 'open');
      const shown = values.all
        ? list
        : { ...list, incidents: [...open, ...list.incidents.filter((i) => i.status !== 'open').slice(0, RECENT)] };
      io.stdout(values.json ? JSON.stringify(shown, null, 2) : incidentsText(shown, Date.now()));
      return open.some((i) => i.drillId === null) ? EXIT.failed : EXIT.ok;
    });
  } catch (error) {
    return reportCommandError(error, io, 'cockpit incidents', incidentsUsage);
  }
}

export async function runIncident(argv: string[], io: CliIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(incidentUsage);
    return EXIT.ok;
  }
  try {
    const { values, positionals } = parseCommandArgs(argv, showOptions, true);
    const [sub, id, ...extra] = positionals;
    if (sub !== 'show' && sub !== 'ack') {
      throw new UsageError(
        sub === undefined ? 'say what to do: show ID or ack ID' : `unknown argument "${sub}": use show ID or ack ID`,
      );
    }
    if (id === undefined)
      throw new UsageError(`name the incident: cockpit incident ${sub} ID (the ids are in \`cockpit incidents\`)`);
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}": name one incident`);
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'md') throw new UsageError(`unknown format "${format}": use text or md`);
    if (sub === 'ack' && (values.format !== undefined || values.json)) {
      throw new UsageError('--format and --json are for `cockpit incident show`');
    }
    if (values.json && format === 'md') throw new UsageError('choose one: --json or --format md');
    return await withBackend({ ...backendOptionsOf(values), io }, async (backend) => {
      if (sub === 'ack') {
        const before = await backend.handlers['incidents.get']({ id });
        const incident = backend.features.incidents.acknowledge(id, `cli:${userInfo().username}`);
        const when = `${utc(incident.acknowledgedAt ?? '')} by ${incident.acknowledgedBy ?? '?'}`;
        // The first acknowledgement counts: a second one says whose it was rather than pretending to be it.
        io.stdout(`${incident.title}: ${before.acknowledgedAt ? 'already acknowledged' : 'acknowledged'} at ${when}\n`);
        return EXIT.ok;
      }
      if (format === 'md') {
        io.stdout((await backend.handlers['incidents.postmortem']({ id })).markdown);
        return EXIT.ok;
      }
      const incident = await backend.handlers['incidents.get']({ id });
      io.stdout(values.json ? JSON.stringify(incident, null, 2) : incidentText(incident, Date.now()));
      return EXIT.ok;
    });
  } catch (error) {
    return reportCommandError(error, io, 'cockpit incident', incidentUsage);
  }
}

export const incidentsCommands: Record<string, Command> = {
  incidents: {
    summary: 'incidents (open first), time to detect / acknowledge / recover over 30 and 90 days',
    run: runIncidents,
  },
  incident: {
    summary: 'one incident: show ID (timeline, figures; --format md for its post-mortem) or ack ID',
    run: runIncident,
  },
};
