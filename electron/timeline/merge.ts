/**
 * One timeline from every feature's part: each source is asked for the range at once; one that fails is logged and
 * left out (the others still answer, and nothing is made up for it); what remains is filtered, ordered oldest
 * first and cut to the newest `limit`.
 */
import { type TimelineEntry, type TimelineKind } from '../../shared/model/timeline';
import { type TimelineRange, type TimelineSource } from '../features/types';
import { log } from '../log';

export interface TimelineFilter {
  service?: string | undefined;
  environment?: string | undefined;
  kinds?: readonly TimelineKind[] | undefined;
}

export interface Merged {
  entries: TimelineEntry[];
  truncated: boolean;
}

/** Inside the range: starts in it, or started before and was still going (no end yet, or ending in it). */
function overlaps(entry: TimelineEntry, from: number, to: number): boolean {
  const at = Date.parse(entry.at);
  if (Number.isNaN(at) || at >= to) return false;
  if (at >= from) return true;
  return entry.endAt === null || Date.parse(entry.endAt) >= from;
}

function matches(entry: TimelineEntry, filter: TimelineFilter): boolean {
  // A filter on a service keeps that service's entries: a budget of the whole account is not about checkout.
  if (filter.service !== undefined && entry.service !== filter.service) return false;
  if (filter.environment !== undefined && entry.environment !== filter.environment) return false;
  return filter.kinds === undefined || filter.kinds.includes(entry.kind);
}

export async function mergeTimeline(
  sources: readonly TimelineSource[],
  range: TimelineRange,
  filter: TimelineFilter,
  limit: number,
): Promise<Merged> {
  const answers = await Promise.allSettled(sources.map(async (source) => source(range)));
  const all: TimelineEntry[] = [];
  answers.forEach((answer, index) => {
    if (answer.status === 'rejected') {
      const reason = answer.reason instanceof Error ? answer.reason.message : String(answer.reason);
      log.error(`[timeline] source ${sourceName(sources[index], index)} failed and was left out:`, reason);
      return;
    }
    all.push(...answer.value);
  });
  const practised = withDrillPractice(all, range.to);
  const seen = new Map<string, TimelineEntry>();
  for (const entry of practised) {
    if (overlaps(entry, range.from, range.to) && matches(entry, filter)) seen.set(entry.id, entry);
  }
  // Each time is parsed once, not at every comparison: a 30-day range can hold thousands of entries.
  const entries = [...seen.values()]
    .map((entry) => ({ entry, at: Date.parse(entry.at) }))
    .sort((a, b) => a.at - b.at || (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0))
    .map(({ entry }) => entry);
  const truncated = entries.length > limit;
  return { entries: truncated ? entries.slice(entries.length - limit) : entries, truncated };
}

/**
 * Health changes of a service × environment while a rollback drill ran there were the drill's doing: marked
 * practice like its deploys, alerts and incident (health itself cannot tell, it only sees the checks fail).
 */
function withDrillPractice(entries: TimelineEntry[], to: number): TimelineEntry[] {
  const drills = entries
    .filter((e) => e.kind === 'drill' && e.practice)
    .map((e) => ({
      where: `${e.service}@${e.environment}`,
      from: Date.parse(e.at),
      to: e.endAt ? Date.parse(e.endAt) : to,
    }));
  if (drills.length === 0) return entries;
  return entries.map((e) => {
    if (e.kind !== 'health' || e.practice) return e;
    const at = Date.parse(e.at);
    const where = `${e.service}@${e.environment}`;
    return drills.some((d) => d.where === where && at >= d.from && at <= d.to) ? { ...e, practice: true } : e;
  });
}

function sourceName(source: TimelineSource | undefined, index: number): string {
  return source?.name ? `"${source.name}"` : `#${index + 1}`;
}
