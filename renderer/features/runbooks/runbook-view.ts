/**
 * Pure rules of the runbooks screens: the address that opens a runbook in an environment, which runbooks answer a
 * failing check or an alert, and how far a run has come. Unit-tested.
 */
import { type RunEvent } from '../../../shared/model/deploys';
import { type Alert, type CheckView } from '../../../shared/model/health';
import { type RunbookRun, type RunbookStepView, type RunbookSummary } from '../../../shared/model/runbooks';
import { type Tone } from '../../components/StatusPill';

/**
 * `#/runbooks?id=restart-worker&env=production`: the Runbooks screen with that runbook and environment chosen;
 * `&run=1` also asks to run it (the button beside an alert).
 */
export function runbookHref(id: string, environment?: string, options: { run?: boolean } = {}): string {
  const query = new URLSearchParams({
    id,
    ...(environment ? { env: environment } : {}),
    ...(options.run ? { run: '1' } : {}),
  });
  return `#/runbooks?${query.toString()}`;
}

export interface RunbookAddress {
  id: string;
  environment: string | null;
  run: boolean;
}

export function runbookFromHash(hash: string): RunbookAddress | null {
  const [path, query] = hash.replace(/^#\/?/, '').split('?');
  if (path?.toLowerCase() !== 'runbooks' || !query) return null;
  const params = new URLSearchParams(query);
  const id = params.get('id');
  return id ? { id, environment: params.get('env'), run: params.get('run') === '1' } : null;
}

/** A runbook may run in the environment: it names it, or names none (then every one its service runs in). */
export function runsIn(runbook: RunbookSummary, environment: string): boolean {
  return runbook.environments.length === 0 || runbook.environments.includes(environment);
}

/** The runbooks that answer one check of a service in an environment (its `for` names the check). */
export function runbooksForCheck(
  runbooks: readonly RunbookSummary[] | null,
  check: { service: string; environment: string; checkId: string },
): RunbookSummary[] {
  return (runbooks ?? []).filter(
    (r) => r.service === check.service && r.for.includes(check.checkId) && runsIn(r, check.environment),
  );
}

type AlertFacts = Pick<Alert, 'id' | 'kind' | 'service' | 'environment'>;

/**
 * The runbooks an alert offers: none for a recovery, nor for an alert a newer one of the same service ×
 * environment followed (`alerts`, newest first); otherwise those answering a check of that service × environment
 * that is failing now — none once they all pass again — or, before its checks are read, any of them.
 */
export function runbooksForAlert(
  runbooks: readonly RunbookSummary[] | null,
  alert: AlertFacts,
  checks: readonly Pick<CheckView, 'service' | 'environment' | 'checkId' | 'status'>[] | null,
  alerts: readonly AlertFacts[] = [],
): RunbookSummary[] {
  if (alert.kind === 'recovered') return [];
  const newest = alerts.find((a) => a.service === alert.service && a.environment === alert.environment);
  if (newest && newest.id !== alert.id) return [];
  const mine = (runbooks ?? []).filter(
    (r) => r.service === alert.service && r.for.length > 0 && runsIn(r, alert.environment),
  );
  const theirs = (checks ?? []).filter((c) => c.service === alert.service && c.environment === alert.environment);
  if (theirs.length === 0) return mine;
  const failing = new Set(theirs.filter((c) => c.status === 'down' || c.status === 'degraded').map((c) => c.checkId));
  return mine.filter((r) => r.for.some((id) => failing.has(id)));
}

export const runStatusTone: Record<RunbookRun['status'], Tone> = {
  running: 'running',
  succeeded: 'ok',
  failed: 'bad',
  cancelled: 'idle',
};

export type StepState = 'waiting' | 'running' | 'done' | 'failed';

/**
 * Where each step of the runbook stands in a run, from its live events: a step runs once per host, so it is done
 * when every start has ended well. The runbooks backend names the nth step `step-n` (two steps may share a title,
 * e.g. two questions); events without such names are matched by title.
 */
export function stepStates(steps: readonly RunbookStepView[], events: readonly RunEvent[]): StepState[] {
  const byId = events.some((e) => e.type === 'step.started' && /^step-\d+$/.test(e.step));
  return steps.map((step) => {
    let started = 0;
    let ended = 0;
    let failed = false;
    for (const e of events) {
      if (e.type !== 'step.started' && e.type !== 'step.ended') continue;
      if (byId ? e.step !== `step-${step.index}` : e.title !== step.title) continue;
      if (e.type === 'step.started') started++;
      else {
        ended++;
        if (!e.ok) failed = true;
      }
    }
    if (failed) return 'failed';
    if (started > ended) return 'running';
    return started > 0 ? 'done' : 'waiting';
  });
}

/** "Step 2 of 3" while it runs: the last step that started. */
export function stepProgress(states: readonly StepState[]): string | null {
  const at = states.findLastIndex((s) => s !== 'waiting');
  if (at < 0 || states.length === 0) return null;
  return `Step ${at + 1} of ${states.length}`;
}

/** The run as the engine's events tell it, for a window that saw only events (before runbooks.runLog answered). */
export function runStatusFromEvents(events: readonly RunEvent[]): RunbookRun['status'] | null {
  const end = events.findLast((e) => e.type === 'run.ended');
  if (end?.type === 'run.ended') return end.status;
  return events.some((e) => e.type === 'run.started') ? 'running' : null;
}
