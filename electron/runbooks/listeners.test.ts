/**
 * A long production deploy must not print "MaxListenersExceededWarning: Possible EventTarget memory leak": no
 * signal may gain a listener per step, per host or per health-gate poll that outlives it.
 */
import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryJournal } from '../deploys/test-journal';
import { createLocalTransport } from '../remote/local';
import { type Transport } from '../remote/types';
import { runRunbook } from './runbook';
import { createStepRunner } from './runner';
import { type CheckHealth, type RunnerDeps, type Step } from './types';

/**
 * Node 24 no longer warns for AbortSignal (older Node and other targets do), so the tests also count the
 * listeners themselves: what would trigger the warning anywhere.
 */
const abortListeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

function setup(extra: Partial<RunnerDeps> = {}) {
  const journal = createMemoryJournal();
  const handle = journal.begin({ kind: 'runbook.test', title: 'listener test' });
  const transports = new Map<string, Transport>();
  const deps: RunnerDeps = {
    runId: handle.id,
    journal: handle,
    emit: () => {},
    transports: (host) => {
      if (!transports.has(host)) transports.set(host, createLocalTransport({ host, killGraceMs: 200 }));
      return transports.get(host) as Transport;
    },
    ...extra,
  };
  return createStepRunner(deps);
}

describe('a long run leaks no listeners', () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => {
    if (warning.name === 'MaxListenersExceededWarning') warnings.push(warning);
  };
  beforeEach(() => {
    warnings.length = 0;
    process.on('warning', onWarning);
  });
  afterEach(() => {
    process.off('warning', onWarning);
  });
  /** Warnings are emitted on a later tick. */
  const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('runs 20 steps on 12 hosts at once under one cancel signal without a MaxListenersExceededWarning', async () => {
    const run = new AbortController();
    let most = 0;
    const runner = setup({
      signal: run.signal,
      emit: () => (most = Math.max(most, abortListeners(run.signal))),
    });
    const hosts = Array.from({ length: 12 }, (_, i) => `web-${i + 1}`);
    const steps = Array.from({ length: 20 }, (_, i): Step => ({
      kind: 'run',
      id: `step-${i + 1}`,
      title: `Step ${i + 1}`,
      command: 'true',
    }));
    const result = await runRunbook(runner, { hosts, steps: () => steps });
    await settled();
    expect(result.ok).toBe(true);
    expect(result.hosts.every((h) => h.completed.length === 20)).toBe(true);
    expect(most).toBeLessThanOrEqual(1);
    expect(warnings.map((w) => w.message)).toEqual([]);
  });

  it('polls a health gate 20 times, with a checker that never lets go of its signal, without a warning', async () => {
    let asked = 0;
    let most = 0;
    // Like a checker that forwards the signal to each probe with { once: true } and never removes the listener.
    const checkHealth: CheckHealth = async (_target, _checks, signal) => {
      signal?.addEventListener('abort', () => {}, { once: true });
      if (signal) most = Math.max(most, abortListeners(signal));
      asked++;
      return asked >= 20 ? { ok: true, detail: 'HTTP 200' } : { ok: false, detail: `HTTP 503 (${asked})` };
    };
    const runner = setup({ checkHealth, signal: new AbortController().signal });
    const gate: Step = {
      kind: 'health-gate',
      id: 'gate',
      title: 'Health gate: ready',
      checks: ['ready'],
      target: { service: 's', environment: 'e', host: 'web-1' },
      intervalMs: 1,
    };
    const result = await runner.run(gate, 'web-1');
    await settled();
    expect(result.detail).toBe('HTTP 200');
    expect(asked).toBe(20);
    expect(most).toBeLessThanOrEqual(2);
    expect(warnings.map((w) => w.message)).toEqual([]);
  });
});
