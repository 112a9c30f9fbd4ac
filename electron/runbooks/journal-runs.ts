/**
 * Runbook runs as the journal keeps them, for lists, a run's log after the process that ran it is gone, and the
 * features that read the journal (the one timeline, the readiness scorecard, an incident's timeline).
 *
 * The record: one action of kind `runbook.run` per run, target `<service>@<environment>` (so incidents match it
 * like a deploy), title "Runbook: <title> (<service>, <environment>)". Its intent data says
 * { runbookId, runbookTitle, service, environment, hosts, reason, incidentId }; its steps and output are the
 * engine's (each with host, step, command, phase, ok, exitCode); its result data says
 * { runbookId, status, failure } with the engine's StepFailureInfo (host, command, exit code, output tail).
 */
import { type RunEvent, type StepFailureInfo, stepFailureSchema } from '../../shared/model/deploys';
import { type JournalAction, type JournalEntry } from '../../shared/model/journal';
import { type RunbookRun } from '../../shared/model/runbooks';
import { type Journal } from '../journal/types';

export const RUNBOOK_RUN_KIND = 'runbook.run';

/** The intent's data, as written by the service when a run starts. */
export interface RunbookIntent {
  runbookId: string;
  runbookTitle: string;
  service: string;
  environment: string;
  hosts: string[];
  reason: string | null;
  incidentId: string | null;
}

export function runbookActionTitle(title: string, service: string, environment: string): string {
  return `Runbook: ${title} (${service}, ${environment})`;
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function intentOf(entries: JournalEntry[]): Partial<RunbookIntent> {
  const data = entries.find((e) => e.phase === 'intent')?.data ?? {};
  return {
    runbookId: str(data.runbookId) ?? undefined,
    runbookTitle: str(data.runbookTitle) ?? undefined,
    service: str(data.service) ?? undefined,
    environment: str(data.environment) ?? undefined,
    incidentId: str(data.incidentId),
  };
}

function failureOf(entries: JournalEntry[]): StepFailureInfo | null {
  const data = [...entries].reverse().find((e) => e.phase === 'result')?.data;
  const parsed = stepFailureSchema.safeParse(data?.failure);
  return parsed.success ? parsed.data : null;
}

function statusOf(action: JournalAction): RunbookRun['status'] {
  // An interrupted run (the app stopped mid-run) did not finish: for the person it failed.
  if (action.status === 'interrupted') return 'failed';
  return action.status;
}

export function runFromJournal(action: JournalAction, entries: JournalEntry[]): RunbookRun | null {
  const intent = intentOf(entries);
  const at = action.target?.lastIndexOf('@') ?? -1;
  const service = intent.service ?? (at > 0 ? action.target?.slice(0, at) : undefined);
  const environment = intent.environment ?? (at > 0 ? action.target?.slice(at + 1) : undefined);
  if (!intent.runbookId || !service || !environment) return null;
  return {
    runId: action.id,
    runbookId: intent.runbookId,
    title: intent.runbookTitle ?? action.title,
    service,
    environment,
    actor: action.actor || null,
    startedAt: action.startedAt,
    endedAt: action.endedAt,
    status: statusOf(action),
    summary: action.summary,
    failure: failureOf(entries),
    incidentId: intent.incidentId ?? null,
  };
}

/**
 * Reads runbook runs from the journal, newest first. An ended run never changes, so it is read once per process;
 * only running ones are read again.
 */
export class JournalRuns {
  private readonly ended = new Map<string, RunbookRun | null>();

  constructor(
    private readonly journal: Journal,
    private readonly limit = 500,
  ) {}

  list(filter: { runbookId?: string; environment?: string } = {}): RunbookRun[] {
    const out: RunbookRun[] = [];
    for (const action of this.journal.list({ limit: this.limit, kind: RUNBOOK_RUN_KIND }).actions) {
      const run = this.read(action);
      if (!run) continue;
      if (filter.runbookId && run.runbookId !== filter.runbookId) continue;
      if (filter.environment && run.environment !== filter.environment) continue;
      out.push(run);
    }
    return out.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  /** The newest run of each runbook. */
  latest(): Map<string, RunbookRun> {
    const latest = new Map<string, RunbookRun>();
    for (const run of this.list()) if (!latest.has(run.runbookId)) latest.set(run.runbookId, run);
    return latest;
  }

  get(runId: string): { run: RunbookRun; entries: JournalEntry[] } | null {
    const found = this.journal.get(runId);
    if (!found || found.action.kind !== RUNBOOK_RUN_KIND) return null;
    const run = runFromJournal(found.action, found.entries);
    return run ? { run, entries: found.entries } : null;
  }

  private read(action: JournalAction): RunbookRun | null {
    if (this.ended.has(action.id)) return this.ended.get(action.id) ?? null;
    const entries = this.journal.get(action.id)?.entries ?? [];
    const run = runFromJournal(action, entries);
    if (action.status !== 'running') this.ended.set(action.id, run);
    return run;
  }
}

/** A run's log rebuilt from its journal entries: the same events the live log showed (output as journaled). */
export function eventsFromJournal(run: RunbookRun, hosts: string[], entries: JournalEntry[]): RunEvent[] {
  const events: RunEvent[] = [
    {
      type: 'run.started',
      runId: run.runId,
      kind: 'runbook',
      title: run.title,
      hosts,
      at: run.startedAt,
      service: run.service,
      environment: run.environment,
      ...(run.actor ? { actor: run.actor } : {}),
    },
  ];
  // The end's message adds a mark, the duration and the reason: the title is the one its start gave.
  const titles = new Map<string, string>();
  for (const entry of entries) {
    const data = entry.data ?? {};
    const host = str(data.host);
    const step = str(data.step) ?? '';
    if (entry.phase === 'output') {
      events.push({
        type: 'output',
        runId: run.runId,
        host,
        step,
        stream: data.stream === 'stderr' ? 'stderr' : 'stdout',
        text: entry.message,
      });
    } else if (entry.phase === 'step' && data.phase === 'started') {
      titles.set(`${host}|${step}`, stripWhere(entry.message, host));
      events.push({
        type: 'step.started',
        runId: run.runId,
        host,
        step,
        title: stripWhere(entry.message, host),
        command: str(data.command),
        at: entry.at,
      });
    } else if (entry.phase === 'step' && data.phase === 'ended') {
      const ok = data.ok === true;
      events.push({
        type: 'step.ended',
        runId: run.runId,
        host,
        step,
        title: titles.get(`${host}|${step}`) ?? step,
        command: str(data.command),
        ok,
        exitCode: typeof data.exitCode === 'number' ? data.exitCode : null,
        durationMs: typeof data.durationMs === 'number' ? data.durationMs : 0,
        error: ok ? null : (str(data.message) ?? entry.message),
      });
    }
  }
  if (run.status !== 'running') {
    events.push({
      type: 'run.ended',
      runId: run.runId,
      status: run.status,
      summary: run.summary ?? '',
      outcome: null,
      problem: null,
    });
  }
  return events;
}

/** The engine journals "Title on host": the log shows the host apart. */
function stripWhere(message: string, host: string | null): string {
  const where = host ? ` on ${host}` : '';
  return where && message.endsWith(where) ? message.slice(0, -where.length) : message;
}

/** Hosts a journaled run touched, from its intent (for its log's first line). */
export function hostsFromJournal(entries: JournalEntry[]): string[] {
  const hosts = entries.find((e) => e.phase === 'intent')?.data?.hosts;
  return Array.isArray(hosts) ? hosts.filter((h): h is string => typeof h === 'string') : [];
}
