/**
 * `cockpit drill rollback` as a person runs it, against a scripted backend that answers the drills contract the
 * way the engine does (preflight, start, a detection that waits for "Roll back now", the end) through the real
 * event bus, so every payload is checked against the contract on the way.
 */
import { describe, expect, it } from 'vitest';
import { type Payload } from '../../shared/api';
import { type DrillPlan, type RollbackDrill } from '../../shared/model/drills';
import { type RunEvent } from '../../shared/model/deploys';
import { CockpitError } from '../../shared/rpc';
import { EventBus } from '../api/events';
import { type DrillBackend, type DrillTerminal, rollbackDrill } from './drill-rollback';
import { recorder } from './test-support/recorder';
import { sampleDrillPlan, sampleRollbackDrill } from '../../shared/model/drill-samples';

const AT = '2026-12-06T10:00:00.000Z';
const at = (s: number) => new Date(Date.parse(AT) + s * 1000).toISOString();

const plan = (overrides: Partial<DrillPlan> = {}): DrillPlan => sampleDrillPlan(overrides);

const drill = (p: DrillPlan, overrides: Partial<RollbackDrill> = {}): RollbackDrill =>
  sampleRollbackDrill(p, overrides, AT);

const passed = (p: DrillPlan): Partial<RollbackDrill> => ({
  status: 'passed',
  phase: 'report',
  endedAt: at(30),
  summary: 'checkout recovered on staging: every target met.',
  measures: [
    {
      id: 'detect',
      label: 'Time to detect',
      span: 'failure injected → checkout down',
      ms: 7900,
      targetMs: 120_000,
      met: true,
    },
    { id: 'act', label: 'Time to act', span: 'detected → Roll back now', ms: 2000, targetMs: null, met: null },
    {
      id: 'recover',
      label: 'Time to recover',
      span: 'Roll back now → healthy',
      ms: 12_000,
      targetMs: 300_000,
      met: true,
    },
  ],
  phases: [
    {
      id: 'inject',
      title: 'Inject the failure',
      status: 'passed',
      startedAt: at(0),
      endedAt: at(1),
      detail: null,
      overheadMs: 850,
    },
  ],
  improvements: [
    {
      id: 'interval',
      severity: 'consider',
      line: 'The check runs every 5 s: fine for 2 min.',
      evidence: 'checkout-ready: every 5s',
    },
  ],
  hosts: [{ host: p.hosts[0] ?? 'demo-stg', release: 'v1.4.0', onReturnRelease: true }],
});

/** A backend that plays the engine's part: what it was asked, in order, and the events a drill sends. */
function scripted(p: DrillPlan, options: { end?: 'pass' | 'never'; afterCheck?: DrillPlan } = {}) {
  const events = new EventBus();
  const calls: string[] = [];
  const log: RunEvent[] = [];
  let current = drill(p);
  let answer = p;
  const update = (changes: Partial<RollbackDrill>) => {
    current = { ...current, ...changes };
    events.emit('drills.changed', current);
  };
  const run = (event: RunEvent) => {
    log.push(event);
    events.emit('drills.run', event);
  };
  const later = (fn: () => void) => void setTimeout(fn, 5);
  const backend: DrillBackend = {
    events,
    startDemo: () => {
      calls.push('startDemo');
      return Promise.resolve();
    },
    checkNow: (service, environment) => {
      calls.push(`check ${service} ${environment}`);
      if (options.afterCheck) answer = options.afterCheck;
      return Promise.resolve();
    },
    handlers: {
      'drills.preflight': (input) => {
        calls.push(`preflight ${input.service} ${input.environment ?? '(default)'}`);
        return answer;
      },
      'drills.start': (input) => {
        calls.push(`start ${input.service} ${input.environment ?? ''} ${input.confirmation ?? ''}`.trim());
        run({
          type: 'run.started',
          runId: 'drill-1',
          kind: 'drill',
          title: 'Rollback drill of checkout',
          hosts: p.hosts,
          at: AT,
        });
        later(() => {
          run({
            type: 'step.started',
            runId: 'drill-1',
            host: 'demo-stg',
            step: 'inject',
            title: 'Deploy v1.6.0 (practice)',
            command: null,
            at: at(1),
          });
          run({
            type: 'step.ended',
            runId: 'drill-1',
            host: 'demo-stg',
            step: 'inject',
            title: 'Deploy v1.6.0 (practice)',
            command: null,
            ok: true,
            exitCode: 0,
            durationMs: 850,
            error: null,
          });
          update({ phase: 'detect' });
          later(() =>
            update({ phase: 'recover', waitingForAction: true, times: { ...current.times, detectedAt: at(9) } }),
          );
        });
        return { drillId: 'drill-1' };
      },
      'drills.act': ({ drillId }) => {
        calls.push(`act ${drillId}`);
        update({ waitingForAction: false, recoverRunId: 'run-recover' });
        if (options.end !== 'never') later(() => update(passed(p)));
        return { runId: 'run-recover' };
      },
      'drills.cancel': ({ drillId }) => {
        calls.push(`cancel ${drillId}`);
        update({ cancelling: true, waitingForAction: false });
        later(() =>
          update({
            cancelling: false,
            status: 'cancelled',
            phase: 'recover',
            endedAt: at(20),
            summary: 'Cancelled: demo-stg is back on v1.4.0.',
            hosts: [{ host: 'demo-stg', release: 'v1.4.0', onReturnRelease: true }],
          }),
        );
        return { cancelling: true };
      },
      'drills.get': () => ({ drill: current, log }),
      'drills.report': () => {
        throw new CockpitError('NOT_FOUND', 'not used here');
      },
    },
  };
  return { backend, calls };
}

/** stdin as the test scripts it: lines to type when asked (null: stdin ends). */
function terminal(isTTY: boolean, lines: (string | null)[] = []) {
  const asked: number[] = [];
  let interrupt: () => void = () => {};
  const t: DrillTerminal = {
    isTTY,
    nextLine: () => {
      asked.push(Date.now());
      const line = lines.shift();
      return line === undefined ? new Promise(() => {}) : Promise.resolve(line);
    },
    onInterrupt: (listener) => {
      interrupt = listener;
    },
    close: () => {},
  };
  return { t, asked, interrupt: () => interrupt() };
}

async function run(
  backend: DrillBackend,
  term: DrillTerminal,
  positionals: string[],
  values: Parameters<typeof rollbackDrill>[0]['values'] = {},
) {
  const r = recorder();
  const code = await rollbackDrill({ positionals, values }, r.io, {
    open: (_options, body) => body(backend),
    terminal: () => term,
  });
  return { code, out: r.out(), err: r.err() };
}

describe('cockpit drill rollback', () => {
  it('prints the preflight, streams the log, rolls back on Enter and prints the measures (exit 0)', async () => {
    const { backend, calls } = scripted(plan());
    const term = terminal(true, ['']);
    const r = await run(backend, term.t, ['checkout'], { env: 'staging' });
    expect(r.code).toBe(0);
    expect(calls).toEqual(['startDemo', 'preflight checkout staging', 'start checkout staging', 'act drill-1']);
    expect(r.out).toContain('Rollback drill of checkout on staging: deploys the broken release v1.6.0 on demo-stg.');
    expect(r.out).toContain(
      'watches checkout-ready (every 5 s, retries 1, critical); 3 passes in a row prove recovery',
    );
    expect(r.out).toContain('  ✓ demo-stg runs v1.4.0: the drill returns to it');
    expect(r.out).toContain('▶ Rollback drill of checkout — demo-stg (run drill-1)');
    expect(r.out).toContain('[demo-stg] ✓ Deploy v1.6.0 (practice)');
    expect(r.err).toContain('Detected. Press Enter to roll back now (Ctrl-C cancels the drill).');
    expect(r.out).toContain('✓ Drill passed: checkout on staging (drill drill-1)');
    expect(r.out).toMatch(/✓ Time to detect\s+7\.9 s \(target 2 min\) — failure injected → checkout down/);
    expect(r.out).toMatch(/✓ Time to recover\s+12 s \(target 5 min\)/);
    expect(r.out).toContain("Inject the failure: the cockpit's own time 850 ms");
    expect(r.out).toContain('What to improve:');
    expect(r.out).toContain('✓ demo-stg runs v1.4.0');
    expect(r.out).toContain('cockpit drill report drill-1');
  });

  it('refuses with the failed items and changes nothing when the preflight fails (exit 1)', async () => {
    const p = plan({
      ready: false,
      items: [
        { id: 'environment', ok: true, detail: 'staging is not protected' },
        { id: 'no-lock', ok: false, detail: 'demo-stg: the deploy lock is held by bob since 10:02 (deploy v1.5.1)' },
      ],
    });
    const { backend, calls } = scripted(p);
    const r = await run(backend, terminal(true).t, ['checkout']);
    expect(r.code).toBe(1);
    expect(calls).toEqual(['startDemo', 'preflight checkout (default)']);
    expect(r.out).toContain('  ✗ demo-stg: the deploy lock is held by bob since 10:02 (deploy v1.5.1)');
    expect(r.err).toContain('is not ready; nothing was changed. Fix what is marked ✗ above and run it again.');
  });

  it('checks a health not known yet once, then starts when it is green', async () => {
    const unknown = plan({
      ready: false,
      items: [{ id: 'health-green', ok: false, detail: 'checkout is unknown in staging (not checked yet)' }],
    });
    const { backend, calls } = scripted(unknown, { afterCheck: plan() });
    const r = await run(backend, terminal(false).t, ['checkout'], { 'act-at-detection': true });
    expect(r.code).toBe(0);
    expect(calls.slice(0, 5)).toEqual([
      'startDemo',
      'preflight checkout (default)',
      'check checkout staging',
      'preflight checkout staging',
      'start checkout staging',
    ]);
    expect(r.out).not.toContain('not checked yet');
  });

  it('refuses when the health is still red after checking it (exit 1)', async () => {
    const down = plan({
      ready: false,
      items: [{ id: 'health-green', ok: false, detail: 'checkout is down in staging (checkout-ready: 503)' }],
    });
    const { backend, calls } = scripted(down);
    const r = await run(backend, terminal(false).t, ['checkout']);
    expect(r.code).toBe(1);
    expect(calls).toEqual([
      'startDemo',
      'preflight checkout (default)',
      'check checkout staging',
      'preflight checkout staging',
    ]);
    expect(r.out).toContain('  ✗ checkout is down in staging (checkout-ready: 503)');
  });

  it('acts at once with --act-at-detection, never asking for Enter', async () => {
    const { backend, calls } = scripted(plan());
    const term = terminal(false);
    const r = await run(backend, term.t, ['checkout'], { 'act-at-detection': true, json: true });
    expect(r.code).toBe(0);
    expect(term.asked).toEqual([]);
    expect(calls).toContain('act drill-1');
    expect(r.err).toContain('Pressing "roll back now" at once (--act-at-detection)');
    const parsed = JSON.parse(r.out) as { drill: RollbackDrill; log: Payload<'drills.run'>[] };
    expect(parsed.drill.status).toBe('passed');
    expect(parsed.log.map((e) => e.type)).toEqual(['run.started', 'step.started', 'step.ended']);
  });

  it('without a terminal says how to pass the flag, and acts on Enter from stdin anyway', async () => {
    const { backend, calls } = scripted(plan());
    const r = await run(backend, terminal(false, ['']).t, ['checkout']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('pass --act-at-detection to act at once without a terminal');
    expect(calls.at(-1)).toBe('act drill-1');
  });

  it('cancels when stdin ends before Enter, and says where the hosts stand (exit 1)', async () => {
    const { backend, calls } = scripted(plan());
    const r = await run(backend, terminal(false, [null]).t, ['checkout']);
    expect(r.code).toBe(1);
    expect(calls.at(-1)).toBe('cancel drill-1');
    expect(r.out).toContain('■ Drill cancelled: checkout on staging');
    expect(r.out).toContain('Cancelled: demo-stg is back on v1.4.0.');
  });

  it('Ctrl-C while waiting for Enter cancels like the Cancel button', async () => {
    const { backend, calls } = scripted(plan());
    const term = terminal(true);
    const done = run(backend, term.t, ['checkout']);
    while (term.asked.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    term.interrupt();
    const r = await done;
    expect(r.code).toBe(1);
    expect(calls.at(-1)).toBe('cancel drill-1');
    expect(r.err).toContain('Cancelling the drill… (a healthy release is restored');
    expect(r.out).toContain('✓ demo-stg runs v1.4.0');
  });

  it('a protected environment needs its name: refused without a terminal, passed on with --confirm', async () => {
    const p = plan({
      environment: 'production',
      protected: true,
      ready: false,
      items: [{ id: 'environment', ok: false, detail: 'production is protected: type its name to drill there' }],
    });
    const refused = scripted(p);
    await expect(run(refused.backend, terminal(false).t, ['checkout'], { env: 'production' })).rejects.toThrow(
      'Pass --confirm production',
    );
    expect(refused.calls).toEqual(['startDemo', 'preflight checkout production']);

    const confirmed = scripted(p);
    const r = await run(confirmed.backend, terminal(false, ['']).t, ['checkout'], {
      env: 'production',
      confirm: 'production',
    });
    expect(r.code).toBe(0);
    expect(confirmed.calls).toContain('start checkout production production');
  });

  it('says which service is missing (usage)', async () => {
    const { backend } = scripted(plan());
    await expect(run(backend, terminal(true).t, [])).rejects.toThrow('say which service');
  });
});
