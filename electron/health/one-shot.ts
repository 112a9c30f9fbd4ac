/**
 * Checking once, outside any schedule: what `cockpit status` does (the CLI watches nothing). Every planned check
 * runs one time, a few at once, each under its own timeout; a single result counts as it is (no retries: the
 * person asked "how is it right now?"). Nothing is stored and nothing alerts.
 */
import { type CheckView, type ServiceHealth } from '../../shared/model/health';
import { type Transport } from '../remote/types';
import { type Clock } from './clock';
import { createMemory } from './kinds/types';
import { type ScheduledCheck, headlineOf } from './plan';
import { type KindRegistry } from './registry';
import { runOnce } from './run-once';
import { ServiceBoard } from './status';

export interface CheckOnceOptions {
  checks: ScheduledCheck[];
  registry: KindRegistry;
  clock: Clock;
  transportFor?: (host: string) => Transport;
  /** Checks running at once. */
  concurrency?: number;
}

export interface CheckOnceResult {
  checks: CheckView[];
  services: ServiceHealth[];
  /** How long the whole run took. */
  durationMs: number;
}

async function runOne(check: ScheduledCheck, options: CheckOnceOptions): Promise<CheckView> {
  const outcome = await runOnce({
    registry: options.registry,
    clock: options.clock,
    check,
    memory: createMemory(),
    controller: new AbortController(),
    transportFor: options.transportFor,
  });
  return {
    key: check.key,
    service: check.service,
    environment: check.environment,
    checkId: check.checkId,
    ...(check.host === undefined ? {} : { host: check.host }),
    kind: check.kind,
    subject: check.subject,
    critical: check.critical,
    status: outcome.status,
    since: null,
    reason: outcome.reason,
    headline: headlineOf(check, outcome),
    latencyMs: outcome.latencyMs ?? null,
    lastRunAt: options.clock.now(),
    nextRunAt: null,
    consecutiveFailures: outcome.status === 'up' ? 0 : 1,
    flapping: false,
  };
}

export async function checkOnce(options: CheckOnceOptions): Promise<CheckOnceResult> {
  const started = options.clock.now();
  const views: CheckView[] = new Array(options.checks.length);
  let next = 0;
  const worker = async () => {
    while (next < options.checks.length) {
      const index = next++;
      views[index] = await runOne(options.checks[index] as ScheduledCheck, options);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 8, options.checks.length));
  await Promise.all(Array.from({ length: workers }, worker));

  // A single look has no duration: "down for 10 s" would only say how long the slowest check took.
  const now = options.clock.now();
  for (const view of views) view.since = now;
  const board = new ServiceBoard();
  const pairs = new Map<string, [string, string]>();
  for (const c of views) pairs.set(`${c.service}@${c.environment}`, [c.service, c.environment]);
  const of = (service: string, environment: string) =>
    views.filter((c) => c.service === service && c.environment === environment);
  for (const [service, environment] of pairs.values())
    board.update(service, environment, of(service, environment), now);
  return { checks: views, services: board.list(of, now), durationMs: now - started };
}
