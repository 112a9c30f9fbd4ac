/** The health gate: how soon it asks, how it backs off, and how its messages read once the title is added. */
import { describe, expect, it } from 'vitest';
import { createMemoryJournal } from '../../deploys/test-journal';
import { createLocalTransport } from '../../remote/local';
import { createStepRunner } from '../runner';
import { type RunEvent } from '../../../shared/model/deploys';
import { type CheckHealth, type Step, StepFailure } from '../types';
import { DEFAULT_GATE_INTERVAL_MS, gatePause } from './health-gate';

function runnerWith(checkHealth: CheckHealth, events: RunEvent[] = []) {
  const journal = createMemoryJournal();
  const handle = journal.begin({ kind: 'runbook.test', title: 'gate' });
  return createStepRunner({
    runId: handle.id,
    journal: handle,
    emit: (e) => events.push(e),
    transports: (host) => createLocalTransport({ host }),
    checkHealth,
  });
}

const gate = (extra: Partial<Step> = {}): Step =>
  ({
    kind: 'health-gate',
    id: 'gate',
    title: 'Health gate: ready',
    checks: ['ready'],
    target: { service: 'api', environment: 'production', host: 'web-1' },
    ...extra,
  }) as Step;

describe('health gate', () => {
  it('asks at once, then soon, backing off to the interval', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => gatePause(n))).toEqual([
      100,
      150,
      225,
      338,
      506,
      759,
      1139,
      1709,
      DEFAULT_GATE_INTERVAL_MS,
      DEFAULT_GATE_INTERVAL_MS,
    ]);
    expect(gatePause(1, 50)).toBe(50);
    expect(gatePause(500, 3000)).toBe(3000);
  });

  it('passes a service that comes up a moment after its restart without a 2 s wait', async () => {
    const asked: number[] = [];
    const upAt = Date.now() + 300;
    const runner = runnerWith(async () => {
      asked.push(Date.now());
      return Date.now() >= upAt ? { ok: true, detail: 'HTTP 200' } : { ok: false, detail: 'HTTP 503' };
    });
    const started = Date.now();
    const result = await runner.run(gate(), 'web-1');
    expect(result.detail).toBe('HTTP 200');
    expect((asked[0] ?? Infinity) - started).toBeLessThan(100);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('says once that it is the health gate: the failure reads "Health gate: ready" only in the title', async () => {
    const events: RunEvent[] = [];
    const runner = runnerWith(async () => ({ ok: false, detail: 'ready: down (HTTP 503)' }), events);
    const failure = (await runner.run(gate({ timeoutMs: 300 }), 'web-1').catch((e: unknown) => e)) as StepFailure;
    expect(failure).toBeInstanceOf(StepFailure);
    expect(failure.info).toMatchObject({ reason: 'gate', host: 'web-1', outputTail: 'ready: down (HTTP 503)' });
    expect(failure.message).toMatch(/^ready did not pass in time on web-1 \(\d+ tries\); last answer: ready: down/);
    const ended = events.find((e) => e.type === 'step.ended');
    const line = ended?.type === 'step.ended' ? `${ended.title}: ${ended.error}` : '';
    expect(line.match(/Health gate/g)).toHaveLength(1);
  });

  it('fails at once, with error and what to fix, when the checker says the gate is misconfigured', async () => {
    let asked = 0;
    const runner = runnerWith(async () => {
      asked++;
      return { ok: false, detail: 'no check ready for api in production on web-1', misconfigured: true };
    });
    const started = Date.now();
    const failure = (await runner.run(gate({ timeoutMs: 5000 }), 'web-1').catch((e: unknown) => e)) as StepFailure;
    expect(failure).toBeInstanceOf(StepFailure);
    expect(failure.info).toMatchObject({
      reason: 'error',
      outputTail: 'no check ready for api in production on web-1',
    });
    expect(failure.message).toBe(
      'the gate names ready, but no check ready for api in production on web-1: fix deploy.gate of api in cockpit.yaml, or add the check under health:',
    );
    expect(asked).toBe(1);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('does not call it a gate failure when the checker itself kept failing until the timeout', async () => {
    const runner = runnerWith(async () => {
      throw new Error('socket hang up');
    });
    const failure = (await runner.run(gate({ timeoutMs: 300 }), 'web-1').catch((e: unknown) => e)) as StepFailure;
    expect(failure.info).toMatchObject({ reason: 'error', outputTail: 'the check itself failed: socket hang up' });
  });

  it('says when it was cancelled, without its title again', async () => {
    const run = new AbortController();
    const journal = createMemoryJournal();
    const handle = journal.begin({ kind: 'runbook.test', title: 'gate' });
    const runner = createStepRunner({
      runId: handle.id,
      journal: handle,
      emit: () => {},
      transports: (host) => createLocalTransport({ host }),
      checkHealth: async () => ({ ok: false, detail: 'HTTP 503' }),
      signal: run.signal,
    });
    setTimeout(() => run.abort(), 150);
    const failure = (await runner.run(gate(), 'web-1').catch((e: unknown) => e)) as StepFailure;
    expect(failure.info.reason).toBe('cancelled');
    expect(failure.message).toBe('cancelled while waiting for ready on web-1');
  });
});
