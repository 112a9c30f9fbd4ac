/**
 * Which runbook a failing check or an alert offers, the address that opens it, and how far a run has come.
 */
import { describe, expect, it } from 'vitest';
import { type RunEvent } from '../../../shared/model/deploys';
import { type RunbookStepView, type RunbookSummary } from '../../../shared/model/runbooks';
import {
  runbookFromHash,
  runbookHref,
  runbooksForAlert,
  runbooksForCheck,
  runStatusFromEvents,
  stepProgress,
  stepStates,
} from './runbook-view';

function runbook(over: Partial<RunbookSummary>): RunbookSummary {
  return {
    id: 'restart-worker',
    title: 'Restart the worker',
    service: 'worker',
    environments: ['production'],
    for: ['worker-live'],
    covers: [],
    steps: 2,
    doc: 'runbooks/restart-worker.md',
    lastRun: null,
    ...over,
  };
}

const restart = runbook({});
const clearCache = runbook({
  id: 'clear-cache',
  title: 'Clear the cache',
  service: 'checkout',
  environments: [],
  for: [],
});
const list = [restart, clearCache];

describe('the address of a runbook', () => {
  it('names the runbook and environment, and reads back what it named', () => {
    const href = runbookHref('restart-worker', 'production');
    expect(href).toBe('#/runbooks?id=restart-worker&env=production');
    expect(runbookFromHash(href)).toEqual({ id: 'restart-worker', environment: 'production', run: false });
    expect(runbookFromHash(runbookHref('restart-worker', 'production', { run: true }))?.run).toBe(true);
    expect(runbookFromHash('#/runbooks?id=clear-cache')).toEqual({ id: 'clear-cache', environment: null, run: false });
  });

  it('is not a runbook on another screen or without an id', () => {
    expect(runbookFromHash('#/incidents?id=restart-worker')).toBeNull();
    expect(runbookFromHash('#/runbooks')).toBeNull();
  });
});

describe('the runbook beside a failing check', () => {
  it('offers the runbooks whose `for` names the check, for its service and an environment it may run in', () => {
    expect(runbooksForCheck(list, { service: 'worker', environment: 'production', checkId: 'worker-live' })).toEqual([
      restart,
    ]);
    expect(runbooksForCheck(list, { service: 'worker', environment: 'staging', checkId: 'worker-live' })).toEqual([]);
    expect(runbooksForCheck(list, { service: 'checkout', environment: 'production', checkId: 'worker-live' })).toEqual(
      [],
    );
    expect(runbooksForCheck(null, { service: 'worker', environment: 'production', checkId: 'worker-live' })).toEqual(
      [],
    );
  });
});

describe('the runbook beside an alert', () => {
  const down = { id: 'a2', kind: 'down', service: 'worker', environment: 'production' } as const;
  const check = (status: 'up' | 'down') => ({
    service: 'worker',
    environment: 'production',
    checkId: 'worker-live',
    status,
  });

  it('offers the runbook for the failing check of the alert’s service', () => {
    expect(runbooksForAlert(list, down, [check('down')])).toEqual([restart]);
  });

  it('offers it before the checks are read, but not on a recovery or once the check passes again', () => {
    expect(runbooksForAlert(list, down, null)).toEqual([restart]);
    expect(runbooksForAlert(list, { ...down, kind: 'recovered' }, [check('down')])).toEqual([]);
    expect(runbooksForAlert(list, down, [check('up')])).toEqual([]);
  });

  it('offers it on the newest alert of the service only: an older one was followed by what came after', () => {
    const recovered = { ...down, id: 'a3', kind: 'recovered' } as const;
    const other = { ...down, id: 'a9', service: 'checkout' };
    expect(runbooksForAlert(list, down, null, [other, down])).toEqual([restart]);
    expect(runbooksForAlert(list, down, null, [recovered, down])).toEqual([]);
  });

  it('offers nothing for a service without a runbook for its checks', () => {
    expect(runbooksForAlert(list, { ...down, service: 'checkout' }, null)).toEqual([]);
  });
});

describe('a run’s progress', () => {
  const steps: RunbookStepView[] = [
    { index: 1, kind: 'run', title: 'Restart the worker', text: 'curl …', hosts: ['demo-prod-1', 'demo-prod-2'] },
    { index: 2, kind: 'gate', title: 'worker-live passes', text: 'worker-live', hosts: [] },
  ];
  const started = (host: string, title = 'Restart the worker'): RunEvent => ({
    type: 'step.started',
    runId: 'r1',
    host,
    step: 'run-1',
    title,
    command: 'curl …',
    at: '2026-01-01T00:00:00Z',
  });
  const ended = (host: string, ok: boolean): RunEvent => ({
    type: 'step.ended',
    runId: 'r1',
    host,
    step: 'run-1',
    title: 'Restart the worker',
    command: 'curl …',
    ok,
    exitCode: ok ? 0 : 7,
    durationMs: 40,
    error: ok ? null : 'exit 7',
  });

  it('says which step runs, and a step on two hosts is done once both ended well', () => {
    const halfway = stepStates(steps, [started('demo-prod-1'), ended('demo-prod-1', true), started('demo-prod-2')]);
    expect(halfway).toEqual(['running', 'waiting']);
    expect(stepProgress(halfway)).toBe('Step 1 of 2');
    const next = stepStates(steps, [
      started('demo-prod-1'),
      ended('demo-prod-1', true),
      started('demo-prod-2'),
      ended('demo-prod-2', true),
      started('', 'worker-live passes'),
    ]);
    expect(next).toEqual(['done', 'running']);
    expect(stepProgress(next)).toBe('Step 2 of 2');
  });

  it('marks a step failed when any host failed it', () => {
    expect(stepStates(steps, [started('demo-prod-1'), ended('demo-prod-1', false)])).toEqual(['failed', 'waiting']);
    expect(stepProgress(['waiting', 'waiting'])).toBeNull();
  });

  it('tells two steps with the same title apart by their step names', () => {
    const asks: RunbookStepView[] = [
      { index: 1, kind: 'confirm', title: 'Confirm', text: 'Clear the cache?', hosts: [] },
      { index: 2, kind: 'confirm', title: 'Confirm', text: 'Really?', hosts: [] },
    ];
    const ask = (step: string): RunEvent => ({
      type: 'step.started',
      runId: 'r1',
      host: null,
      step,
      title: 'Confirm',
      command: null,
      at: '2026-01-01T00:00:00Z',
    });
    expect(stepStates(asks, [ask('step-1')])).toEqual(['running', 'waiting']);
  });

  it('takes the run’s end from its events', () => {
    expect(runStatusFromEvents([])).toBeNull();
    const begin: RunEvent = { type: 'run.started', runId: 'r1', kind: 'runbook', title: 't', hosts: [], at: 'x' };
    expect(runStatusFromEvents([begin])).toBe('running');
    expect(
      runStatusFromEvents([
        begin,
        { type: 'run.ended', runId: 'r1', status: 'failed', summary: 'failed', outcome: null },
      ]),
    ).toBe('failed');
  });
});
