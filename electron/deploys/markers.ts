/**
 * Deploy markers for the health charts and alerts ("did it break after the deploy?", "last deploy 12 min ago:
 * v1.6.0 by ana"). Health asks synchronously and often, so answers come from memory: this journal's records
 * (re-read when a run starts or ends here, and at most every few seconds for runs of other processes such as the
 * CLI) plus what the hosts said the last time their history was read (deploys made outside the app).
 */
import { type DeployRecord, type DeployHistory } from '../../shared/model/deploys';
import { type DeployMarker } from '../../shared/model/markers';
import { type Journal } from '../journal/types';
import { journalRecords } from './history';
import { log } from '../log';

export function markerOf(record: DeployRecord, service: string, environment: string): DeployMarker | null {
  if (!record.wentLive || Date.parse(record.startedAt) <= 0) return null;
  const release = record.ref ?? record.releaseId ?? 'an unknown release';
  const label = record.external
    ? `${release} found on ${record.hosts.join(', ') || 'the hosts'} (made outside the app)`
    : `${record.kind === 'rollback' ? `rollback to ${release}` : `deploy ${release}`}${record.actor ? ` by ${record.actor}` : ''}`;
  return {
    at: record.startedAt,
    service,
    environment,
    kind: record.kind,
    release,
    result: record.result === 'cancelled' ? 'unknown' : record.result,
    label: record.practice ? `practice ${label}` : label,
    ...(record.actor ? { actor: record.actor } : {}),
    // Charts show a drill's runs apart; alerts never name them as "what changed".
    ...(record.practice ? { practice: true } : {}),
  };
}

export interface MarkerSource {
  markers(filter: { service?: string; environment?: string; since: Date }): DeployMarker[];
  /** A run started or ended in this process: the journal's records changed. */
  invalidate(): void;
  /** The hosts were read: keep their records (external deploys, teammates' runs) for markers. */
  remember(history: DeployHistory): void;
}

export function createMarkerSource(options: {
  journal: Journal;
  /** Every service × environment with a deploy in the open workspace. */
  targets: () => Array<{ service: string; environment: string }>;
  now: () => Date;
  /** How long journal records are trusted before being read again (runs of other processes). Default 10 s. */
  ttlMs?: number;
}): MarkerSource {
  const ttl = options.ttlMs ?? 10_000;
  const cache = new Map<string, { at: number; records: DeployRecord[] }>();
  const fromHosts = new Map<string, DeployRecord[]>();
  const key = (service: string, environment: string) => `${service}@${environment}`;

  function journalFor(service: string, environment: string): DeployRecord[] {
    const k = key(service, environment);
    const at = options.now().getTime();
    const hit = cache.get(k);
    if (hit && at - hit.at < ttl) return hit.records;
    let records: DeployRecord[] = [];
    try {
      records = journalRecords(options.journal, service, environment, 100);
    } catch (error) {
      log.error('[deploys] reading the journal for markers failed:', error instanceof Error ? error.message : error);
    }
    cache.set(k, { at, records });
    return records;
  }

  return {
    markers(filter) {
      const since = filter.since.getTime();
      const out: DeployMarker[] = [];
      for (const t of options.targets()) {
        if (filter.service && filter.service !== t.service) continue;
        if (filter.environment && filter.environment !== t.environment) continue;
        const records = [
          ...journalFor(t.service, t.environment),
          ...(fromHosts.get(key(t.service, t.environment)) ?? []),
        ];
        for (const record of records) {
          if (Date.parse(record.startedAt) < since) continue;
          const marker = markerOf(record, t.service, t.environment);
          if (marker) out.push(marker);
        }
      }
      return out.sort((a, b) => a.at.localeCompare(b.at));
    },
    invalidate() {
      cache.clear();
    },
    remember(history) {
      fromHosts.set(
        key(history.service, history.environment),
        history.records.filter((r) => r.source !== 'cockpit'),
      );
    },
  };
}
