/**
 * The readiness scorecard: the playbooks' production checklist computed from live evidence. Every feature pushes
 * its own item sources into `context.contributions.readiness` when created (electron/<feature>/readiness.ts); this
 * feature, created last, adds the items no feature owns (production protected, host keys pinned), merges them in
 * the contract's order, scores them and keeps the trend: the day's last score, stored whenever the scorecard is
 * computed and, in the app and serve mode, once a day by itself. Nothing here connects to a host or to AWS.
 */
import { type Scorecard } from '../../shared/model/readiness';
import { readinessSchema } from '../../shared/workspace/runbooks';
import { type Feature, type FeatureContext, type ReadinessSource } from '../features/types';
import { log } from '../log';
import { hostKeysReadiness } from './host-keys';
import { DAY_MS } from '../features/readiness-items';
import { migrateReadiness } from './schema';
import { mergeItems, scoreOf } from './score';
import { ReadinessTrend } from './trend';
import { workspaceItems } from './workspace-items';

export type ReadinessMethodName = 'readiness.scorecard';
export interface ReadinessFeature extends Feature<ReadinessMethodName> {
  /** Computes the scorecard now (and records today's point of the trend). */
  scorecard(): Promise<Scorecard>;
}

export interface ReadinessFeatureOptions {
  /** Background mode: the first daily point this long after start (default 1 min), then every 24 h. */
  firstDailyMs?: number;
}

const DEFAULT_THRESHOLD = readinessSchema.parse({}).threshold;

export function createReadinessFeature(
  context: FeatureContext,
  options: ReadinessFeatureOptions = {},
): ReadinessFeature {
  migrateReadiness(context.db);
  const trend = new ReadinessTrend(context.db);
  const workspace = () => context.workspace.current().workspace;
  const own: ReadinessSource[] = [
    () => {
      const open = workspace();
      return open ? workspaceItems(open) : [];
    },
    // SSH transports belong to no feature: the backend's one pool holds the known_hosts every connection checks.
    hostKeysReadiness(() => workspace()?.hosts ?? null, context.transports.knownHosts),
  ];
  context.contributions.readiness.push(...own);
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  let closed = false;

  /** A source that fails loses its own items only; the rest of the scorecard still answers. */
  async function collect(source: ReadinessSource) {
    try {
      return await source();
    } catch (error) {
      log.error('[readiness] an item source failed:', error instanceof Error ? error.message : error);
      return [];
    }
  }

  async function scorecard(): Promise<Scorecard> {
    const open = workspace();
    const state = context.workspace.current();
    const key = state.loadedFrom?.path ?? state.source?.path ?? 'none';
    const items = mergeItems(await Promise.all(context.contributions.readiness.map(collect)));
    const score = scoreOf(items);
    const now = context.now();
    // Without a workspace there is nothing to score: no point is added to the trend.
    if (open && !closed) {
      try {
        trend.record(key, score, now);
      } catch (error) {
        log.error('[readiness] recording the trend failed:', error instanceof Error ? error.message : error);
      }
    }
    return {
      score,
      threshold: open?.readiness.threshold ?? DEFAULT_THRESHOLD,
      items,
      trend: closed || !open ? [] : trend.list(key, now),
      computedAt: now.toISOString(),
    };
  }

  if (context.background) {
    const daily = () => {
      if (closed) return;
      try {
        trend.prune(context.now());
      } catch (error) {
        log.error('[readiness] pruning the trend failed:', error instanceof Error ? error.message : error);
      }
      void scorecard().catch((error: unknown) =>
        log.error('[readiness] the daily scorecard failed:', error instanceof Error ? error.message : error),
      );
    };
    const first = setTimeout(() => {
      daily();
      const every = setInterval(daily, DAY_MS);
      every.unref();
      timers.push(every);
    }, options.firstDailyMs ?? 60_000);
    first.unref();
    timers.push(first);
  }

  return {
    handlers: { 'readiness.scorecard': () => scorecard() },
    scorecard,
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
