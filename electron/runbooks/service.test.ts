import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunEvent } from '../../shared/model/deploys';
import { CockpitError } from '../../shared/rpc';
import { type Workspace, workspaceSchema } from '../../shared/workspace';
import { type JournalAction } from '../../shared/model/journal';
import { isIncidentAction } from '../incidents/timeline';
import { type SqliteJournal, openJournal } from '../journal/journal';
import { createLocalTransport } from '../remote/local';
import { RUNBOOK_RUN_KIND } from './journal-runs';
import { type RunbookService, type RunbookServiceDeps, createRunbookService } from './service';

let dir: string;
let journal: SqliteJournal;
let events: RunEvent[];
let healthy: boolean;
const services: RunbookService[] = [];

function workspace(runbooks: unknown[]): Workspace {
  return workspaceSchema.parse({
    version: 1,
    name: 'Test',
    environments: {
      staging: { hosts: ['stg'], vars: { marker: 'a b' } },
      production: { hosts: ['web-1', 'web-2'], vars: { marker: 'p q' } },
    },
    hosts: { stg: { local: true }, 'web-1': { local: true }, 'web-2': { local: true } },
    services: { api: { health: [{ id: 'api-ready', http: 'http://127.0.0.1:1/ready', critical: true }] } },
    runbooks,
  });
}

function service(ws: Workspace, extra: Partial<RunbookServiceDeps> = {}): RunbookService {
  const s = createRunbookService({
    workspace: () => ({ workspace: ws, dir }),
    journal,
    transports: (host) => createLocalTransport({ host, home: join(dir, 'hosts', host) }),
    checkHealth: async () => ({ ok: healthy, detail: healthy ? 'api-ready: up' : 'api-ready: down (HTTP 503)' }),
    emit: (e) => events.push(e),
    changed: () => undefined,
    openIncident: (svc, env) => (svc === 'api' && env === 'production' ? 'incident-1' : null),
    actor: 'tester',
    gateIntervalMs: 20,
    outputHoldMs: 5,
    ...extra,
  });
  services.push(s);
  return s;
}

const restart = {
  id: 'restart-api',
  title: 'Restart the API',
  service: 'api',
  doc: 'runbooks/restart.md',
  for: ['api-ready'],
  steps: [{ run: 'echo restarted ${marker} on ${host} >> log.txt && echo done on ${host}' }, { gate: [] }],
};

/** Resolves once an event matching `match` has arrived. */
async function eventSeen(match: (e: RunEvent) => boolean): Promise<void> {
  while (!events.some(match)) await new Promise((resolve) => setTimeout(resolve, 10));
}

const refusal = (fn: () => unknown): CockpitError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof CockpitError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'runbooks-'));
  for (const host of ['stg', 'web-1', 'web-2']) mkdirSync(join(dir, 'hosts', host), { recursive: true });
  journal = openJournal({ file: join(dir, 'journal.db'), actor: 'tester' });
  events = [];
  healthy = true;
});

afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
  journal.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('runbook service', () => {
  it('refuses a protected environment without its name typed, in the words deploys use, journaling nothing', () => {
    const s = service(workspace([restart]));
    const error = refusal(() => s.start({ id: 'restart-api', environment: 'production' }));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe(
      'production is protected: type "production" to confirm the run of "Restart the API" on api.',
    );
    expect(journal.list({ limit: 10, kind: RUNBOOK_RUN_KIND }).actions).toEqual([]);
  });

  it('journals before it starts and when it ends, targeted so the open incident matches', async () => {
    const s = service(workspace([restart]));
    const { runId } = s.start({ id: 'restart-api', environment: 'production', confirmation: 'production' });
    const started = journal.get(runId);
    expect(started?.action).toMatchObject({
      kind: 'runbook.run',
      title: 'Runbook: Restart the API (api, production)',
      target: 'api@production',
      status: 'running',
      actor: 'tester',
    });
    expect(started?.entries[0]?.data).toMatchObject({
      runbookId: 'restart-api',
      service: 'api',
      environment: 'production',
      incidentId: 'incident-1',
      hosts: ['web-1', 'web-2'],
    });
    // The incident open on api@production puts this run on its timeline.
    expect(isIncidentAction(started?.action as JournalAction)).toBe(true);
    const run = await s.wait(runId);
    expect(run).toMatchObject({ status: 'succeeded', incidentId: 'incident-1', failure: null });
    expect(run.summary).toMatch(/^Restart the API: 2 steps done on web-1, web-2 in /);
    expect(journal.get(runId)?.action).toMatchObject({ status: 'succeeded', summary: run.summary });
    expect(events.filter((e) => e.type === 'output').map((e) => (e.type === 'output' ? e.text : ''))).toEqual(
      expect.arrayContaining(['done on web-1\n', 'done on web-2\n']),
    );
    // Each host ran the command with the value as one word.
    expect(s.list().runbooks[0]?.lastRun?.runId).toBe(runId);
  });

  it('runs one at a time per runbook and environment', async () => {
    const slow = { ...restart, id: 'slow', steps: [{ run: 'echo going; sleep 5' }, { run: 'echo never' }] };
    const s = service(workspace([slow]));
    const { runId } = s.start({ id: 'slow', environment: 'staging' });
    const error = refusal(() => s.start({ id: 'slow', environment: 'staging' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/^"Restart the API" is already running in staging \(started .* by tester\)/);
    await eventSeen((e) => e.type === 'output' && e.text === 'going\n');
    const asked = Date.now();
    expect(s.cancel(runId)).toEqual({ cancelling: true });
    const run = await s.wait(runId);
    expect(run.status).toBe('cancelled');
    expect(run.summary).toContain('Stopped at step 1 of 2');
    expect(Date.now() - asked).toBeLessThan(3000);
    expect(events.some((e) => e.type === 'output' && e.text.includes('never'))).toBe(false);
  });

  it('says which host, command, exit code and output a failing step had', async () => {
    const failing = { ...restart, id: 'failing', steps: [{ run: 'echo "disk full on ${host}" >&2; exit 7' }] };
    const s = service(workspace([failing]));
    const { runId } = s.start({ id: 'failing', environment: 'staging' });
    const run = await s.wait(runId);
    expect(run.status).toBe('failed');
    expect(run.failure).toMatchObject({ host: 'stg', exitCode: 7, reason: 'exit' });
    expect(run.failure?.outputTail).toContain('disk full on stg');
    expect(run.failure?.command).toContain('exit 7');
    expect(run.summary).toContain('Stopped at step 1 of 1');
    expect(run.summary).toContain('on stg');
    expect(run.summary).toContain('exited with 7');
  });

  it('answers runLog from memory while it runs here, and from the journal in a later process', async () => {
    const s = service(workspace([restart]));
    const { runId } = s.start({ id: 'restart-api', environment: 'staging' });
    await s.wait(runId);
    const live = s.runLog(runId);
    expect(live.events.map((e) => e.type)).toContain('run.ended');

    const later = service(workspace([restart]));
    const replay = later.runLog(runId);
    expect(replay.run).toMatchObject({ runId, runbookId: 'restart-api', status: 'succeeded' });
    const kinds = replay.events.map((e) => e.type);
    expect(kinds[0]).toBe('run.started');
    expect(kinds.at(-1)).toBe('run.ended');
    const ended = replay.events.filter((e) => e.type === 'step.ended');
    expect(ended.map((e) => (e.type === 'step.ended' ? [e.title, e.ok] : null))).toEqual([
      [expect.stringContaining('Run echo restarted'), true],
      ['Health gate: api-ready', true],
    ]);
    expect(replay.events.some((e) => e.type === 'output' && e.text.includes('done on stg'))).toBe(true);
    expect(refusal(() => later.runLog('nope')).code).toBe('NOT_FOUND');
  });

  it('fails at the gate when the checks do not pass in time', async () => {
    healthy = false;
    const gated = { ...restart, id: 'gated', steps: [{ run: 'true' }, { gate: ['api-ready'], timeout: '1s' }] };
    const s = service(workspace([gated]));
    const run = await s.wait(s.start({ id: 'gated', environment: 'staging' }).runId);
    expect(run.status).toBe('failed');
    expect(run.summary).toContain('Stopped at step 2 of 2: Health gate: api-ready: api-ready did not pass in time');
  });

  it('shows a runbook with its steps as they will run, its doc, and refuses docs outside the folder', async () => {
    mkdirSync(join(dir, 'runbooks'));
    writeFileSync(join(dir, 'runbooks', 'restart.md'), '# Restart\n');
    writeFileSync(join(dir, 'big.md'), 'x'.repeat(300 * 1024));
    const outside = mkdtempSync(join(tmpdir(), 'outside-'));
    writeFileSync(join(outside, 'secret.md'), 'secret');
    symlinkSync(join(outside, 'secret.md'), join(dir, 'link.md'));
    const ws = workspace([
      restart,
      { ...restart, id: 'escape', doc: '../secret.md' },
      { ...restart, id: 'link', doc: 'link.md' },
      { ...restart, id: 'big', doc: 'big.md' },
      { ...restart, id: 'missing', doc: 'runbooks/nope.md' },
    ]);
    const s = service(ws);
    const detail = await s.get({ id: 'restart-api', environment: 'production' });
    expect(detail).toMatchObject({ environment: 'production', protected: true, docMarkdown: '# Restart\n' });
    expect(detail.stepViews[0]).toMatchObject({ kind: 'run', hosts: ['web-1', 'web-2'] });
    expect(detail.stepViews[0]?.text).toContain("'p q'");
    expect((await s.get({ id: 'restart-api' })).environment).toBe('staging');
    for (const id of ['escape', 'link']) {
      const d = await s.get({ id });
      expect(d.docMarkdown).toBeNull();
      expect(d.docProblem).toContain("must be inside the workspace's folder");
    }
    expect((await s.get({ id: 'big' })).docProblem).toContain('more than the 256 KiB');
    expect((await s.get({ id: 'missing' })).docProblem).toBe(
      "runbooks/nope.md: no such file next to cockpit.yaml. Create it, or fix the runbook's doc: path.",
    );
    rmSync(outside, { recursive: true, force: true });
  });

  it('lists runbooks for a service or a check, and says when one does not exist', async () => {
    const s = service(workspace([restart, { id: 'contacts', title: 'Vendor contacts', service: 'api' }]));
    expect(s.list({ check: 'api-ready' }).runbooks.map((r) => r.id)).toEqual(['restart-api']);
    expect(s.list({ service: 'api' }).runbooks.map((r) => r.id)).toEqual(['restart-api', 'contacts']);
    await expect(s.get({ id: 'nope' })).rejects.toThrow(
      'There is no runbook "nope" in Test (its runbooks: restart-api, contacts).',
    );
  });
});
