/**
 * Deploy history: what this cockpit's journal recorded, merged with what the hosts say — their release
 * directories, markers, `current`, and the audit log teammates' cockpits append to — so deploys made outside
 * this app appear too (marked external). `mergeHistory` is pure; the service gathers its inputs.
 */
import {
  type DeployHistory,
  type DeployOutcome,
  type DeployRecord,
  type DeployResult,
  deployOutcomeSchema,
  deployResults,
} from '../../shared/model/deploys';
import { type Journal } from '../journal/types';
import { doraFigures } from './dora';
import { type HostLayout } from './layout';
import { parseReleaseId } from './release-id';
import { commonCurrent, mergeReleases } from './release-views';
import { lastKnownGood } from './retention';
import { chooseRollbackTarget, releaseLabel } from './rollback-target';

const KINDS = { 'deploy.run': 'deploy', 'deploy.rollback': 'rollback' } as const;

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
      const releaseId = outcome?.releaseId ?? (typeof intent.releaseId === 'string' ? intent.releaseId : null);
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
        wentLive: outcome ? outcome.hosts.some((h) => h.state !== 'not-switched') : action.status !== 'failed',
        hosts: Array.isArray(intent.hosts) ? intent.hosts.filter((h): h is string => typeof h === 'string') : [],
        // An interrupted run (the cockpit stopped mid-way) says what it was doing last: where the hosts may be.
        summary:
          action.status === 'interrupted' && typeof resultData?.lastStep === 'string'
            ? `${action.summary ?? 'Interrupted.'} Last recorded: ${resultData.lastStep}`
            : action.summary,
      });
    }
  }
  return records;
}

const asResult = (value: string): DeployResult =>
  (deployResults as readonly string[]).includes(value) ? (value as DeployResult) : 'unknown';

/** Runs other cockpits wrote into the hosts' audit logs, one record per run id. */
function auditRecords(layouts: readonly HostLayout[], known: ReadonlySet<string>): DeployRecord[] {
  const runs = new Map<string, { lines: HostLayout['audit']; hosts: Set<string> }>();
  for (const layout of layouts) {
    for (const entry of layout.audit) {
      if (known.has(entry.runId) || entry.runId === '-' || (entry.action !== 'deploy' && entry.action !== 'rollback'))
        continue;
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
    return {
      id: `audit:${runId}`,
      kind: first.action === 'rollback' ? 'rollback' : 'deploy',
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
      summary: end
        ? `${first.action} by ${first.actor}: ${end.result}`
        : `${first.action} by ${first.actor}: no result written`,
    } satisfies DeployRecord;
  });
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
  const audit = auditRecords(input.layouts, new Set(journal.map((r) => r.id)));
  const seen = new Set([...journal, ...audit].filter((r) => r.kind === 'deploy').map((r) => r.releaseId));
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
  const records = [...journal, ...audit, ...fromHosts].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
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
