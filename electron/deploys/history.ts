/**
 * Deploy history: what this cockpit's journal recorded, merged with what the hosts say — their release
 * directories, markers, `current`, and the audit log teammates' cockpits append to — so deploys made outside
 * this app appear too (marked external). `mergeHistory` is pure; the service gathers its inputs.
 */
import {
  type DeployHistory,
  type DeployOutcome,
  type HostOutcome,
  type DeployRecord,
  type DeployResult,
  deployOutcomeSchema,
  deployResults,
  hostOutcomeSchema,
} from '../../shared/model/deploys';
import { type JournalEntry } from '../../shared/model/journal';
import { type Journal } from '../journal/types';
import { doraFigures } from './dora';
import { type HostLayout } from './layout';
import { parseReleaseId } from './release-id';
import { commonCurrent, mergeReleases } from './release-views';
import { lastKnownGood } from './retention';
import { chooseRollbackTarget, releaseLabel } from './rollback-target';

const KINDS = { 'deploy.run': 'deploy', 'deploy.rollback': 'rollback' } as const;

/**
 * Where each host stood as the run last journaled it (see DeployRun.setState), in the run's host order; a host
 * with no entry was never switched. Empty for a journal written before host states were journaled.
 */
function journaledHostStates(entries: readonly JournalEntry[], hosts: readonly string[]): HostOutcome[] {
  const byHost = new Map<string, HostOutcome>();
  for (const entry of entries) {
    if (entry.data?.step !== 'host-state') continue;
    const parsed = hostOutcomeSchema.safeParse(entry.data.hostState);
    if (parsed.success) byHost.set(parsed.data.host, parsed.data);
  }
  if (byHost.size === 0) return [];
  const untouched = (host: string): HostOutcome => ({
    host,
    state: 'not-switched',
    release: null,
    previous: null,
    detail: null,
  });
  return [...new Set([...hosts, ...byHost.keys()])].map((h) => byHost.get(h) ?? untouched(h));
}

/** The release a run named, wherever it was journaled: a `releases` deploy names it only once its files are known. */
function journaledReleaseId(entries: readonly JournalEntry[]): string | null {
  const named = entries.map((e) => e.data?.releaseId).filter((r): r is string => typeof r === 'string');
  return named.at(-1) ?? null;
}

function interruptedSummary(summary: string | null, states: readonly HostOutcome[], lastStep: unknown): string {
  const where = states.map((s) => `${s.host}: ${s.state}${s.release ? ` (${s.release})` : ''}`).join('; ');
  const last = typeof lastStep === 'string' ? ` Last recorded: ${lastStep}` : '';
  return `${summary ?? 'Interrupted: the cockpit stopped mid-run.'}${where ? ` Where the hosts stood: ${where}.` : ''}${last}`;
}

/** Records of this cockpit's journal for one service and environment (lock conflicts left out: nothing happened). */
export function journalRecords(journal: Journal, service: string, environment: string, limit = 300): DeployRecord[] {
  const target = `${service}@${environment}`;
  const records: DeployRecord[] = [];
  for (const [journalKind, kind] of Object.entries(KINDS)) {
    for (const action of journal.list({ limit, kind: journalKind }).actions) {
      if (action.target !== target) continue;
      const detail = journal.get(action.id);
      const intent = detail?.entries.find((e) => e.phase === 'intent')?.data ?? {};
      const resultData = detail?.entries.find((e) => e.phase === 'result')?.data ?? null;
      if (resultData && 'locks' in resultData) continue;
      const parsed = deployOutcomeSchema.safeParse(resultData?.outcome);
      const outcome: DeployOutcome | null = parsed.success ? parsed.data : null;
      const entries = detail?.entries ?? [];
      const releaseId = outcome?.releaseId ?? journaledReleaseId(entries);
      const interrupted = action.status === 'interrupted';
      const hosts = Array.isArray(intent.hosts) ? intent.hosts.filter((h): h is string => typeof h === 'string') : [];
      const hostStates = outcome?.hosts ?? journaledHostStates(entries, hosts);
      // A release built from a git ref journals its commit once the ref is resolved (see git-release.ts).
      const commit = detail?.entries.map((e) => e.data?.commit).find((c): c is string => typeof c === 'string') ?? null;
      const result: DeployResult =
        outcome?.result ??
        (action.status === 'running'
          ? 'running'
          : action.status === 'cancelled'
            ? 'cancelled'
            : action.status === 'interrupted'
              ? 'unknown'
              : 'failed');
      records.push({
        id: action.id,
        kind,
        releaseId,
        ref: (releaseId ? parseReleaseId(releaseId).ref : null) ?? (typeof intent.ref === 'string' ? intent.ref : null),
        commit,
        actor: action.actor,
        startedAt: action.startedAt,
        endedAt: action.endedAt,
        durationMs: action.durationMs,
        result,
        source: 'cockpit',
        external: false,
        wentLive:
          outcome || hostStates.length > 0
            ? hostStates.some((h) => h.state !== 'not-switched')
            : action.status !== 'failed',
        hosts,
        // An interrupted run (the cockpit stopped mid-way) says where the hosts stood and what it was doing last.
        summary: interrupted ? interruptedSummary(action.summary, hostStates, resultData?.lastStep) : action.summary,
        ...(interrupted ? { interrupted: true } : {}),
        ...(hostStates.length > 0 ? { hostStates } : {}),
        ...(typeof intent.practice === 'string' ? { practice: intent.practice } : {}),
      });
    }
  }
  return records;
}

const asResult = (value: string): DeployResult =>
  (deployResults as readonly string[]).includes(value) ? (value as DeployResult) : 'unknown';

/** The run an audit line belongs to: a deploy or rollback, real or a drill's practice (`practice-deploy`). */
export function auditRun(action: string): { kind: 'deploy' | 'rollback'; practice: boolean } | null {
  const practice = action.startsWith('practice-');
  const kind = practice ? action.slice('practice-'.length) : action;
  return kind === 'deploy' || kind === 'rollback' ? { kind, practice } : null;
}

/**
 * Runs other cockpits wrote into the hosts' audit logs, one record per run id. A drill's runs are audited as
 * `practice-deploy` / `practice-rollback`: their record carries the run id as the drill's (all a host knows).
 */
function auditRecords(layouts: readonly HostLayout[], known: ReadonlySet<string>): DeployRecord[] {
  const runs = new Map<string, { lines: HostLayout['audit']; hosts: Set<string> }>();
  for (const layout of layouts) {
    for (const entry of layout.audit) {
      if (known.has(entry.runId) || entry.runId === '-' || !auditRun(entry.action)) continue;
      const run = runs.get(entry.runId) ?? { lines: [], hosts: new Set<string>() };
      run.lines.push(entry);
      run.hosts.add(layout.host);
      runs.set(entry.runId, run);
    }
  }
  return [...runs.entries()].map(([runId, { lines, hosts }]) => {
    const sorted = [...lines].sort((a, b) => a.at.localeCompare(b.at));
    const first = sorted[0] as (typeof sorted)[number];
    const end = [...sorted].reverse().find((l) => l.result !== 'started');
    const releaseId = [...sorted].reverse().find((l) => l.release !== '-')?.release ?? null;
    const run = auditRun(first.action);
    const what = run?.practice ? `practice ${run.kind}` : first.action;
    return {
      id: `audit:${runId}`,
      kind: run?.kind ?? 'deploy',
      releaseId,
      ref: releaseId ? parseReleaseId(releaseId).ref : null,
      commit: null,
      actor: first.actor,
      startedAt: first.at,
      endedAt: end?.at ?? null,
      durationMs: end ? Date.parse(end.at) - Date.parse(first.at) : null,
      result: end ? asResult(end.result) : 'unknown',
      source: 'audit',
      external: false,
      wentLive: true,
      hosts: [...hosts].sort(),
      summary: end ? `${what} by ${first.actor}: ${end.result}` : `${what} by ${first.actor}: no result written`,
      ...(run?.practice ? { practice: runId } : {}),
    } satisfies DeployRecord;
  });
}

/**
 * A run of this journal also wrote audit lines on its hosts (same run id): they belong to its record, never to a
 * second one. They fill in what the journal may lack after a crash: the release and the hosts it reached.
 */
function withOwnAuditLines(record: DeployRecord, layouts: readonly HostLayout[]): DeployRecord {
  const lines = layouts.flatMap((l) =>
    l.audit.filter((e) => e.runId === record.id).map((e) => ({ ...e, host: l.host })),
  );
  if (lines.length === 0) return record;
  const release = lines.map((l) => l.release).find((r) => r !== '-') ?? null;
  const hosts = [...new Set([...record.hosts, ...lines.map((l) => l.host)])].sort();
  const releaseId = record.releaseId ?? release;
  return {
    ...record,
    releaseId,
    ref: record.ref ?? (releaseId ? parseReleaseId(releaseId).ref : null),
    hosts,
  };
}

export interface HistoryInput {
  service: string;
  environment: string;
  hosts: readonly string[];
  journal: readonly DeployRecord[];
  layouts: readonly HostLayout[];
  unreachable: ReadonlyArray<{ host: string; message: string }>;
  now: Date;
  windowDays?: number;
}

export function mergeHistory(input: HistoryInput): DeployHistory {
  const releases = mergeReleases(input.layouts, input.hosts);
  const bad = new Set(releases.filter((r) => r.bad).map((r) => r.id));
  const journal = input.journal.map((r) =>
    r.kind === 'deploy' && r.result === 'healthy' && r.releaseId && bad.has(r.releaseId)
      ? { ...r, result: 'bad' as const }
      : r,
  );
  const merged = journal.map((r) => withOwnAuditLines(r, input.layouts));
  const audit = auditRecords(input.layouts, new Set(merged.map((r) => r.id)));
  const seen = new Set([...merged, ...audit].filter((r) => r.kind === 'deploy').map((r) => r.releaseId));
  const fromHosts: DeployRecord[] = releases
    .filter((r) => !seen.has(r.id))
    .map((r) => ({
      id: `host:${r.id}`,
      kind: 'deploy',
      releaseId: r.id,
      ref: parseReleaseId(r.id).ref,
      commit: null,
      actor: null,
      startedAt: r.createdAt ?? new Date(0).toISOString(),
      endedAt: null,
      durationMs: null,
      result: r.bad ? 'bad' : r.goodAt ? 'healthy' : 'unknown',
      source: 'host',
      external: true,
      wentLive: true,
      hosts: r.hosts,
      summary: `Found on ${r.hosts.join(', ')}; not deployed by a cockpit`,
    }));
  const records = [...merged, ...audit, ...fromHosts].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const current = commonCurrent(input.layouts);
  const choice = chooseRollbackTarget(releases, current);
  return {
    service: input.service,
    environment: input.environment,
    records,
    releases: releases.map((r) => ({
      id: r.id,
      ref: parseReleaseId(r.id).ref,
      createdAt: r.createdAt,
      goodAt: r.goodAt,
      bad: r.bad,
      hosts: r.hosts,
      currentOn: r.currentOn,
      label: releaseLabel(r, releases, input.now),
    })),
    current,
    currentByHost: input.layouts.map((l) => ({ host: l.host, release: l.current })),
    lastGood: lastKnownGood(releases),
    rollbackTarget: choice.target?.id ?? null,
    unreachable: [...input.unreachable],
    locks: [
      ...input.layouts.map((l) => ({
        host: l.host,
        held: l.lock !== undefined,
        info: l.lock?.info ?? null,
        error: null,
      })),
      ...input.unreachable.map((u) => ({ host: u.host, held: false, info: null, error: u.message })),
    ],
    dora: doraFigures(records, input.now, input.windowDays),
  };
}
