import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CockpitError } from '../../shared/rpc';
import { type RunbookConfig, type Workspace, workspaceSchema } from '../../shared/workspace';
import { placeholdersOf, planRunbook } from './steps-from-config';
import { type RunStep } from './types';

function workspace(runbooks: unknown[], vars: Record<string, string> = {}): Workspace {
  return workspaceSchema.parse({
    version: 1,
    name: 'Test',
    environments: {
      staging: { hosts: ['stg'], vars },
      production: { hosts: ['web-1', 'web-2'], vars },
    },
    hosts: { stg: { local: true }, 'web-1': { local: true }, 'web-2': { local: true } },
    services: {
      worker: {
        environments: ['production'],
        health: [
          { id: 'worker-live', http: 'http://127.0.0.1:1/live' },
          { id: 'worker-ready', http: 'http://127.0.0.1:1/ready', critical: true },
        ],
      },
    },
    runbooks,
  });
}

function plan(steps: unknown[], vars: Record<string, string> = {}, environment = 'production') {
  const ws = workspace([{ id: 'rb', title: 'Restart', service: 'worker', steps }], vars);
  return planRunbook(ws, ws.runbooks[0] as RunbookConfig, environment);
}

const refused = (fn: () => unknown): CockpitError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof CockpitError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('runbook steps from the workspace', () => {
  it('runs a command on each host in turn, with host and vars filled as quoted words', () => {
    const p = plan([{ run: 'echo ${greeting} from ${host} in ${env}' }], { greeting: `it's a "test" $(id)` });
    const runs = p.steps[0]?.runs ?? [];
    expect(runs.map((r) => r.host)).toEqual(['web-1', 'web-2']);
    const command = (runs[0]?.step as RunStep).command;
    // What the shell prints is the value exactly, never code run from it.
    expect(execFileSync('sh', ['-c', command], { encoding: 'utf8' })).toBe(
      `it's a "test" $(id) from web-1 in production\n`,
    );
    expect(p.steps[0]?.view).toMatchObject({ kind: 'run', hosts: ['web-1', 'web-2'] });
    expect(p.steps[0]?.view.text).toContain('web-1: echo');
  });

  it('runs an `on: first` step on the first host only', () => {
    const p = plan([{ run: 'curl -fsS -X POST http://127.0.0.1:${port}/heal', on: 'first' }], { port: '7204' });
    expect(p.steps[0]?.runs.map((r) => r.host)).toEqual(['web-1']);
    expect(p.steps[0]?.view.text).toBe('curl -fsS -X POST http://127.0.0.1:7204/heal');
  });

  it('refuses an unknown placeholder before anything runs, naming it and where to define it', () => {
    const error = refused(() => plan([{ run: 'echo ok' }, { run: 'rm -rf ${cache_dir}/x' }]));
    expect(error.code).toBe('INVALID_WORKSPACE');
    expect(error.message).toContain('Step 2 of "Restart" uses ${cache_dir}');
    expect(error.message).toContain('environments.production.vars');
  });

  it('does not take an escaped \\${name} or a plain $NAME for a placeholder', () => {
    expect(placeholdersOf("echo \\${HOME} $HOME ${a} '${b}'")).toEqual(['a', 'b']);
  });

  it('asks once for a confirm, and gates the whole service on the named checks, else its critical ones', () => {
    const p = plan([{ confirm: 'Restart every worker?' }, { gate: ['worker-live'], timeout: '30s' }, { gate: [] }]);
    expect(p.steps.map((s) => s.runs.map((r) => r.host))).toEqual([[null], [null], [null]]);
    expect(p.steps[0]?.runs[0]?.step).toMatchObject({ kind: 'confirm', prompt: 'Restart every worker?' });
    expect(p.steps[1]?.runs[0]?.step).toMatchObject({
      kind: 'health-gate',
      checks: ['worker-live'],
      timeoutMs: 30_000,
      target: { service: 'worker', environment: 'production', host: null },
    });
    expect(p.steps[2]?.runs[0]?.step).toMatchObject({ checks: ['worker-ready'] });
    expect(p.steps[2]?.view).toMatchObject({ kind: 'gate', title: 'Health gate: worker-ready' });
  });

  it('takes timeout and ok exit codes from the step', () => {
    const p = plan([{ run: 'grep -q x f', timeout: '2m', ok: [0, 1], title: 'Look for x' }]);
    expect(p.steps[0]?.runs[0]?.step).toMatchObject({ title: 'Look for x', timeoutMs: 120_000, okExitCodes: [0, 1] });
  });

  it('refuses an environment the runbook does not run in, saying where it does', () => {
    const error = refused(() => plan([{ run: 'true' }], {}, 'staging'));
    expect(error.message).toBe('"Restart" does not run in staging: choose production.');
  });
});
