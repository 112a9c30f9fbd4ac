/**
 * Live run events on their way to the windows: output is batched (a chatty build cannot flood the socket) with its
 * tail kept, order is kept around step events, the engine's own protocol output stays in the journal only, and a
 * window that opens mid-run gets the log so far.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DeployOutcome, type RunEvent } from '../../shared/model/deploys';
import { OutputBatcher } from '../runbooks/output-batcher';
import { RunRegistry } from './runs';

afterEach(() => {
  vi.useRealTimers();
});

const out = (text: string, step = 'build', host: string | null = 'h1'): RunEvent => ({
  type: 'output',
  runId: 'r',
  host,
  step,
  stream: 'stdout',
  text,
});

describe('output batching', () => {
  it('sends many small chunks as one event, and flushes before a step event to keep the order', () => {
    vi.useFakeTimers();
    const sent: RunEvent[] = [];
    const batcher = new OutputBatcher((e) => sent.push(e), { intervalMs: 100 });
    for (let i = 0; i < 1000; i++) batcher.push(out(`line ${i}\n`));
    expect(sent).toHaveLength(0);
    batcher.push(out('other host\n', 'build', 'h2'));
    batcher.push({
      type: 'step.ended',
      runId: 'r',
      host: 'h1',
      step: 'build',
      title: 'Build',
      command: null,
      ok: true,
      exitCode: 0,
      durationMs: 5,
      error: null,
    });
    expect(sent.map((e) => e.type)).toEqual(['output', 'output', 'step.ended']);
    expect(sent[0]?.type === 'output' && sent[0].text.split('\n')).toHaveLength(1001);
  });

  it('keeps only the tail of a torrent live, and says how much was not shown', () => {
    vi.useFakeTimers();
    const sent: RunEvent[] = [];
    const batcher = new OutputBatcher((e) => sent.push(e), { intervalMs: 100, maxChars: 1000 });
    for (let i = 0; i < 500; i++) batcher.push(out(`${String(i).padStart(9, '0')}\n`));
    vi.advanceTimersByTime(150);
    const text = sent.map((e) => (e.type === 'output' ? e.text : '')).join('');
    expect(text).toMatch(/^… 4 KB of output not shown live \(the journal keeps it\) …/);
    expect(text).toContain('000000499\n');
    expect(text).not.toContain('000000001\n');
  });
});

describe('run registry', () => {
  it('gives a window opened mid-run the log so far, without the lock and inspect protocol', async () => {
    const emitted: RunEvent[] = [];
    const runs = new RunRegistry({ emit: (e) => emitted.push(e), changed: () => {}, batch: { intervalMs: 1 } });
    let finish: () => void = () => {};
    const { runId } = await runs.start(
      (options) =>
        new Promise((resolve) => {
          runs.onEvent({
            type: 'run.started',
            runId: 'r',
            kind: 'deploy',
            title: 'Deploy',
            hosts: ['h1'],
            at: '',
            service: 's',
            environment: 'e',
          });
          options.onRun?.('r', { note: () => {}, hostStates: () => [] });
          runs.onEvent(out('COCKPIT-LOCK-ACQUIRED\n', 'lock'));
          runs.onEvent(out('compiling\n'));
          finish = () => {
            runs.onEvent({
              type: 'run.ended',
              runId: 'r',
              status: 'succeeded',
              summary: 'done',
              outcome: null,
              problem: null,
            });
            resolve({} as never);
          };
        }),
    );
    expect(runId).toBe('r');
    expect(runs.running('s', 'e')).toBe('r');
    const mid = runs.log('r');
    expect(mid.run.status).toBe('running');
    expect(mid.events.filter((e) => e.type === 'output').map((e) => (e.type === 'output' ? e.text : ''))).toEqual([
      'compiling\n',
    ]);
    finish();
    expect((await runs.wait('r')).status).toBe('succeeded');
    expect(runs.list()[0]?.summary).toBe('done');
    expect(emitted.some((e) => e.type === 'output' && e.step === 'lock')).toBe(false);
    expect(() => runs.cancel('r')).toThrow(/No run r/);
    await runs.close();
  });

  it('hands a drill the run id at once and its outcome at the end, even when the run is named synchronously', async () => {
    const runs = new RunRegistry({ emit: () => {}, changed: () => {}, batch: { intervalMs: 1 } });
    const outcome: DeployOutcome = {
      runId: 'p',
      kind: 'rollback',
      service: 's',
      environment: 'e',
      releaseId: 'v1.4.0',
      previousRelease: 'v1.6.0',
      result: 'healthy',
      summary: 'Rolled back',
      hosts: [],
      failure: null,
      wayBack: null,
      startedAt: '2025-01-01T00:00:00.000Z',
      endedAt: '2025-01-01T00:01:00.000Z',
      durationMs: 60_000,
    };
    let finish: () => void = () => {};
    // Like a rollback: the run exists (onRun) before the service's first await.
    const started = await runs.startWithOutcome((options) => {
      runs.onEvent({ type: 'run.started', runId: 'p', kind: 'rollback', title: 'Roll back', hosts: [], at: '' });
      options.onRun?.('p', { note: () => {}, hostStates: () => [] });
      return new Promise((resolve) => {
        finish = () => {
          runs.onEvent({ type: 'run.ended', runId: 'p', status: 'succeeded', summary: 'Rolled back', outcome });
          resolve(outcome);
        };
      });
    });
    expect(started.runId).toBe('p');
    expect(runs.list()[0]?.status).toBe('running');
    finish();
    await expect(started.outcome).resolves.toEqual(outcome);
    expect((await runs.wait('p')).status).toBe('succeeded');
    await runs.close();
  });
});
