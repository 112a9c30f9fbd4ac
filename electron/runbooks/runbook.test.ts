/** The step engine with the local transport and an in-memory journal: what a person sees live and afterwards. */
import { describe, expect, it } from 'vitest';
import { type RunEvent } from '../../shared/model/deploys';
import { createMemoryJournal } from '../deploys/test-journal';
import { createLocalTransport } from '../remote/local';
import { type Transport } from '../remote/types';
import { inBatches, runRunbook } from './runbook';
import { createStepRunner } from './runner';
import { type RunnerDeps, type Step, StepFailure } from './types';

const events: RunEvent[] = [];

function setup(extra: Partial<RunnerDeps> = {}) {
  const journal = createMemoryJournal();
  const handle = journal.begin({ kind: 'runbook.test', title: 'test run' });
  events.length = 0;
  const transports = new Map<string, Transport>();
  const deps: RunnerDeps = {
    runId: handle.id,
    journal: handle,
    emit: (e) => events.push(e),
    transports: (host) => {
      if (!transports.has(host)) transports.set(host, createLocalTransport({ host, killGraceMs: 200 }));
      return transports.get(host) as Transport;
    },
    ...extra,
  };
  return { journal, handle, events, runner: createStepRunner(deps) };
}

const run = (id: string, command: string, extra: Partial<Step> = {}): Step =>
  ({ kind: 'run', id, title: id, command, ...extra }) as Step;

describe('step runner', () => {
  it('streams output as events and journals before, during and after the step', async () => {
    const { runner, events, journal, handle } = setup();
    const result = await runner.run(run('hello', 'echo hello; echo oops >&2'), 'box');
    expect(result).toMatchObject({ host: 'box', step: 'hello', exitCode: 0, stdout: 'hello\n' });
    expect(events.map((e) => e.type)).toEqual(['step.started', 'output', 'output', 'step.ended']);
    expect(events[0]).toMatchObject({ host: 'box', step: 'hello', command: 'echo hello; echo oops >&2' });
    expect(events[3]).toMatchObject({ ok: true, exitCode: 0 });
    const entries = journal.entriesOf(handle.id).map((e) => [e.phase, e.message]);
    expect(entries[0]).toEqual(['intent', 'test run']);
    expect(entries[1]).toEqual(['step', 'hello on box']);
    expect(
      entries
        .filter(([phase]) => phase === 'output')
        .map(([, m]) => m)
        .join(''),
    ).toBe('hello\noops\n');
    expect(entries.at(-1)?.[1]).toMatch(/^✓ hello on box \(\d+ ms\)$/);
  });

  it('records a failed step with host, command, exit code and the output’s tail', async () => {
    const { runner, journal, handle } = setup();
    const failure = await runner
      .run(run('migrate', 'seq 1 50; echo "relation users does not exist" >&2; exit 3'), 'db-1')
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StepFailure);
    const info = (failure as StepFailure).info;
    expect(info).toMatchObject({ host: 'db-1', step: 'migrate', exitCode: 3, reason: 'exit' });
    expect(info.command).toContain('exit 3');
    expect(info.outputTail).toMatch(/50\n\nrelation users does not exist$/);
    expect(info.outputTail.split('\n').length).toBeLessThanOrEqual(30);
    const last = journal.entriesOf(handle.id).at(-1);
    expect(last?.message).toMatch(/^✗ migrate on db-1: exit/);
    expect(last?.data).toMatchObject({ host: 'db-1', exitCode: 3, ok: false });
  });

  it('stops a step at its timeout', async () => {
    const { runner } = setup();
    const failure = (await runner
      .run(run('slow', 'sleep 5', { timeoutMs: 200 }), 'box')
      .catch((e: unknown) => e)) as StepFailure;
    expect(failure.info.reason).toBe('timeout');
    expect(failure.message).toMatch(/timed out after 200 ms/);
  });

  it('cancels the running step when the run is cancelled', async () => {
    const controller = new AbortController();
    const { runner } = setup({ signal: controller.signal });
    setTimeout(() => controller.abort(), 150);
    const failure = (await runner.run(run('slow', 'sleep 5'), 'box').catch((e: unknown) => e)) as StepFailure;
    expect(failure.info.reason).toBe('cancelled');
  });

  it('waits on a health gate until it passes, logging each new answer once', async () => {
    let calls = 0;
    const { runner, events } = setup({
      checkHealth: async () => {
        calls++;
        return calls < 4 ? { ok: false, detail: 'HTTP 503' } : { ok: true, detail: 'HTTP 200' };
      },
    });
    const step: Step = {
      kind: 'health-gate',
      id: 'gate',
      title: 'gate',
      checks: ['ready'],
      target: { service: 's', environment: 'e', host: 'box' },
      intervalMs: 10,
    };
    const result = await runner.run(step, 'box');
    expect(result.detail).toBe('HTTP 200');
    const lines = events.filter((e) => e.type === 'output').map((e) => (e as { text: string }).text);
    expect(lines).toEqual(['not healthy yet: HTTP 503\n', 'healthy: HTTP 200\n']);
  });

  it('fails a health gate that does not pass in time, with the last answer', async () => {
    const { runner } = setup({ checkHealth: async () => ({ ok: false, detail: 'HTTP 500: db down' }) });
    const step: Step = {
      kind: 'health-gate',
      id: 'gate',
      title: 'Gate',
      checks: ['ready'],
      target: { service: 's', environment: 'e', host: null },
      intervalMs: 20,
      timeoutMs: 150,
    };
    const failure = (await runner.run(step, null).catch((e: unknown) => e)) as StepFailure;
    expect(failure.info).toMatchObject({ reason: 'gate', outputTail: 'HTTP 500: db down' });
    expect(failure.message).toMatch(/ready did not pass in time/);
  });

  it('asks a person to confirm, and stops when they say no', async () => {
    const asked: string[] = [];
    const { runner } = setup({ confirm: async (prompt) => (asked.push(prompt), prompt.includes('yes')) });
    await runner.run({ kind: 'confirm', id: 'ok', title: 'Confirm', prompt: 'say yes' }, null);
    const failure = (await runner
      .run({ kind: 'confirm', id: 'no', title: 'Confirm', prompt: 'drop the table?' }, null)
      .catch((e: unknown) => e)) as StepFailure;
    expect(failure.info.reason).toBe('declined');
    expect(asked).toEqual(['say yes', 'drop the table?']);
  });

  it('uploads files after creating their directories', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'cockpit-upload-'));
    writeFileSync(join(dir, 'a.txt'), 'A');
    const { runner } = setup();
    await runner.run(
      {
        kind: 'upload',
        id: 'up',
        title: 'Upload',
        mkdirs: [join(dir, 'x y/z')],
        files: [{ local: join(dir, 'a.txt'), remote: join(dir, 'x y/z/a.txt') }],
      },
      'box',
    );
    expect(readFileSync(join(dir, 'x y/z/a.txt'), 'utf8')).toBe('A');
  });
});

describe('runbooks', () => {
  it('runs hosts in rolling batches and stops at the first failure', async () => {
    // Host a's first step finishes only after b has failed, so the order is certain, not a race.
    let bFailed!: () => void;
    const afterB = new Promise<void>((resolve) => (bFailed = resolve));
    const { runner, events } = setup({
      emit: (e) => {
        events.push(e);
        if (e.type === 'step.ended' && !e.ok) bFailed();
      },
    });
    const result = await runRunbook(runner, {
      hosts: ['a', 'b', 'c', 'd'],
      batchSize: 2,
      steps: (host) =>
        host === 'a'
          ? [{ kind: 'task', id: 'one', title: 'one', run: () => afterB.then(() => 'done') }, run('two', 'true')]
          : [run('one', host === 'b' ? 'exit 7' : 'true'), run('two', 'true')],
    });
    expect(result.ok).toBe(false);
    expect(result.failure?.info).toMatchObject({ host: 'b', step: 'one', exitCode: 7 });
    expect(result.hosts.map((h) => [h.host, h.completed, h.failedStep, h.started])).toEqual([
      ['a', ['one'], null, true],
      ['b', [], 'one', true],
      ['c', [], null, false],
      ['d', [], null, false],
    ]);
    expect(
      events
        .filter((e) => e.type === 'step.started')
        .map((e) => (e as { host: string }).host)
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it('runs before and after steps once', async () => {
    const { runner } = setup({ confirm: async () => true });
    const result = await runRunbook(runner, {
      hosts: ['a', 'b'],
      before: [{ kind: 'confirm', id: 'go', title: 'Go?', prompt: 'go' }],
      steps: () => [run('x', 'true')],
      after: [{ kind: 'task', id: 'done', title: 'Done', run: async () => 'ok' }],
    });
    expect(result.ok).toBe(true);
  });

  it('splits hosts into batches', () => {
    expect(inBatches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(inBatches([1, 2], 0)).toEqual([[1], [2]]);
  });
});
