/**
 * The deploy service through the `local` transport (what the demo workspace uses): plan, build, deploy,
 * automatic rollback, cancel, confirmation and history, with an in-memory journal and a fake clock.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunEvent } from '../../shared/model/deploys';
import { type CockpitError } from '../../shared/rpc';
import { workspaceSchema } from '../../shared/workspace';
import { createLocalTransport } from '../remote/local';
import { createDeployService } from './service';
import { createMemoryJournal } from './test-journal';

/** The value, or a clear failure when a test's own setup is broken. */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('test setup: missing value');
  return value;
}

const root = mkdtempSync(join(tmpdir(), 'cockpit-service-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const srv = join(root, 'srv', 'demo');
const src = join(root, 'src');
mkdirSync(src, { recursive: true });

const workspace = workspaceSchema.parse({
  version: 1,
  name: 'Demo',
  environments: { sandbox: { hosts: ['laptop'] }, live: { hosts: ['laptop'], protected: true } },
  hosts: { laptop: { local: true } },
  services: {
    demo: {
      deploy: {
        strategy: 'releases',
        path: srv,
        keep: 3,
        build: { run: 'rm -rf out && cp -r files out', dir: 'src', upload: ['out'] },
        // A release that ships out/slow restarts slowly (the cancel test stops it there); restarts run in `current`.
        restart: 'if [ -f out/slow ]; then sleep 5; fi; echo restarted',
        gate: ['demo-ready'],
        gateTimeout: '1s',
      },
    },
  },
});

const clock = { t: Date.parse('2025-05-01T08:00:00Z') };
const now = () => new Date((clock.t += 1000));
const journal = createMemoryJournal({ now });
const events: RunEvent[] = [];
const hooks: Array<(e: RunEvent) => void> = [];
const local = createLocalTransport({ host: 'laptop', killGraceMs: 200 });
const service = createDeployService({
  workspace: () => ({ workspace, dir: root }),
  journal,
  transports: () => local,
  checkHealth: async () => {
    const health = readFileSync(join(srv, 'current', 'out', 'health'), 'utf8').trim();
    return { ok: health === 'ok', detail: `health says ${health}` };
  },
  emit: (e) => {
    events.push(e);
    hooks.forEach((hook) => hook(e));
  },
  now,
  actor: 'me',
  gateIntervalMs: 50,
});

function source(version: string, health: string, slow = false) {
  rmSync(join(src, 'files'), { recursive: true, force: true });
  mkdirSync(join(src, 'files'), { recursive: true });
  writeFileSync(join(src, 'files', 'version'), version);
  writeFileSync(join(src, 'files', 'health'), health);
  if (slow) writeFileSync(join(src, 'files', 'slow'), '');
}
const current = () => readlinkSync(join(srv, 'current')).replace('releases/', '');

describe('deploy service (local transport)', () => {
  let first = '';

  it('plans with the content hash as the release name when no ref is given', async () => {
    const prebuilt = join(root, 'prebuilt');
    mkdirSync(join(prebuilt, 'out'), { recursive: true });
    writeFileSync(join(prebuilt, 'out', 'version'), '0');
    const plan = await service.plan({ service: 'demo', environment: 'sandbox', release: { dir: prebuilt } });
    expect(plan.releaseId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{7}$/);
    expect(plan.batches).toEqual([['laptop']]);
  });

  it('builds locally, deploys, and marks the release healthy', async () => {
    source('1', 'ok');
    const outcome = await service.deploy({ service: 'demo', environment: 'sandbox', release: { ref: 'c0ffee1234' } });
    expect(outcome.result).toBe('healthy');
    first = must(outcome.releaseId);
    expect(first).toMatch(/-c0ffee1$/);
    expect(current()).toBe(first);
    expect(readFileSync(join(srv, 'current', 'out', 'version'), 'utf8')).toBe('1');
    expect(events.some((e) => e.type === 'step.ended' && e.step === 'build' && e.host === '@local' && e.ok)).toBe(true);
  });

  it('rolls back automatically when the new release fails its gate', async () => {
    source('2', 'broken');
    const outcome = await service.deploy({ service: 'demo', environment: 'sandbox', release: { ref: 'bad0001' } });
    expect(outcome.result).toBe('rolled-back');
    expect(outcome.failure?.reason).toBe('gate');
    expect(current()).toBe(first);
    expect(existsSync(join(srv, 'releases', must(outcome.releaseId), 'BAD_RELEASE'))).toBe(true);
    const ended = events.filter((e) => e.type === 'run.ended').at(-1);
    expect(ended).toMatchObject({ status: 'failed', outcome: { result: 'rolled-back' } });
  });

  it('rolls the switched host back when the run is cancelled mid-restart', async () => {
    source('3', 'ok', true);
    const controller = new AbortController();
    hooks.push((e) => e.type === 'step.started' && e.step === 'restart' && controller.abort());
    try {
      const outcome = await service.deploy(
        { service: 'demo', environment: 'sandbox', release: { ref: 'slow001' } },
        { signal: controller.signal },
      );
      expect(outcome.result).toBe('cancelled');
      expect(outcome.summary).toMatch(/cancelled; rolled back laptop/);
      expect(current()).toBe(first);
      // Cancelling a slow restart is no verdict on the release: it is not marked bad.
      expect(existsSync(join(srv, 'releases', must(outcome.releaseId), 'BAD_RELEASE'))).toBe(false);
    } finally {
      hooks.length = 0;
    }
  });

  it('deploys an artifact by unpacking it into the release directory', async () => {
    const staged = join(root, 'artifact');
    mkdirSync(join(staged, 'out'), { recursive: true });
    writeFileSync(join(staged, 'out', 'version'), 'artifact');
    writeFileSync(join(staged, 'out', 'health'), 'ok');
    const archive = join(root, 'app.tar.gz');
    execFileSync('tar', ['-czf', archive, '-C', staged, 'out']);
    const outcome = await service.deploy({
      service: 'demo',
      environment: 'sandbox',
      release: { ref: 'art0001', artifact: archive },
    });
    expect(outcome.result).toBe('healthy');
    expect(readFileSync(join(srv, 'current', 'out', 'version'), 'utf8')).toBe('artifact');
    expect(existsSync(join(srv, 'current', '.cockpit-artifact.tar.gz'))).toBe(false);
    // Back to the first release, so the history test below starts from a known place.
    await service.rollback({ service: 'demo', environment: 'sandbox', to: first });
  });

  it('needs the environment’s name typed on a protected environment, before anything runs', async () => {
    const before = journal.actions.length;
    const error = (await service
      .deploy({ service: 'demo', environment: 'live' })
      .catch((e: unknown) => e)) as CockpitError;
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/type "live" to confirm/);
    expect(journal.actions.length).toBe(before);
  });

  it('rejects malformed input with the field named', async () => {
    const error = (await service
      .deploy({ service: 'demo', environment: 'sand box' })
      .catch((e: unknown) => e)) as CockpitError;
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/^environment:/);
  });

  it('rolls back by default to the newest earlier healthy release, and tells the history', async () => {
    source('4', 'ok');
    const second = await service.deploy({ service: 'demo', environment: 'sandbox', release: { ref: 'good002' } });
    expect(second.result).toBe('healthy');
    const back = await service.rollback({ service: 'demo', environment: 'sandbox', reason: 'checkout is slow' });
    expect(back).toMatchObject({ result: 'healthy', releaseId: first });
    const history = await service.history({ service: 'demo', environment: 'sandbox' });
    expect(history.current).toBe(first);
    // art0001 was marked bad by the rollback away from it, and retention prunes bad releases first (keep: 3): its
    // directory and marker are gone, so the history has only the journal's word for its deploy (healthy).
    expect(history.records.map((r) => [r.kind, r.result])).toEqual([
      ['rollback', 'healthy'],
      ['deploy', 'bad'],
      ['rollback', 'healthy'],
      ['deploy', 'healthy'],
      ['deploy', 'cancelled'],
      ['deploy', 'rolled-back'],
      ['deploy', 'healthy'],
    ]);
    const dora = await service.dora({ service: 'demo', environment: 'sandbox' });
    expect(dora).toMatchObject({ deploys: 4, failedChanges: 3 });
  });
});
