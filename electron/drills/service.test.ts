/**
 * The rollback drill engine against a scripted cockpit: a deploy engine whose runs end when the test says, and the
 * health events the checks would raise. What a person would notice: the drill's phases and measures, what it asks
 * the deploy engine to do (and not do), what the journal keeps, and where each host stands at the end.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RollbackDrill } from '../../shared/model/drills';
import { CockpitError } from '../../shared/rpc';
import { type TestFeatureContext, createTestFeatureContext } from '../features/testing/feature-context';
import { DEMO_DRILL_SETTING } from './demo';
import { type DrillsFeature, type DrillsFeatureOptions, createDrillsFeature } from './feature';
import { newDrill } from './record';
import { openRollbackDrillStore } from './store';
import {
  DRILL_WORKSPACE,
  type FakeCockpit,
  GOOD,
  checkRan,
  downAlert,
  fakeCockpit,
  serviceDown,
  until,
} from './testing';

const DRILL = '{ environment: staging, breakRelease: v2, passes: 3, targets: { detect: 1m, recover: 1m } }';

/** The CockpitError a call is refused with. */
async function refused(call: () => unknown): Promise<CockpitError> {
  try {
    await call();
  } catch (error) {
    if (error instanceof CockpitError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the rollback drill', () => {
  let dir = '';
  let test: TestFeatureContext | undefined;
  let feature: DrillsFeature | undefined;
  let fake: FakeCockpit;

  afterEach(async () => {
    await feature?.close();
    feature = undefined;
    await test?.close();
    test = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function setup(
    options: { drill?: string; demo?: boolean; feature?: DrillsFeatureOptions } = {},
  ): Promise<DrillsFeature> {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-rollback-drill-'));
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(file, DRILL_WORKSPACE(options.drill ?? DRILL));
    fake = fakeCockpit(['stg-1', 'stg-2']);
    test = createTestFeatureContext({
      dir,
      demoPath: file,
      background: options.demo ?? false,
      capabilities: fake.capabilities,
    });
    if (options.demo) await test.workspace.openDemo();
    else await test.workspace.open(file);
    feature = createDrillsFeature(test.context, { actor: 'ana', ...options.feature });
    return feature;
  }

  const drillOf = (id: string): RollbackDrill => {
    const found = feature?.service.get(id)?.drill;
    if (!found) throw new Error(`no drill ${id}`);
    return found;
  };
  const bus = () => {
    if (!test) throw new Error('no context');
    return test.context.events;
  };
  const drillActions = () => test?.journal.list({ limit: 20, kind: 'drill.rollback' }).actions ?? [];

  /** Starts a drill and lets the practice deploy of v2 go live. */
  async function injected(f: DrillsFeature): Promise<string> {
    const { drillId } = await f.handlers['drills.start']({ service: 'shop' });
    await until(() => fake.runs.length === 1, 'the practice deploy');
    fake.pending()?.end();
    await until(() => drillOf(drillId).phase === 'detect', 'the detect phase');
    return drillId;
  }

  it('runs end to end: inject, detect, alert, act, three passes, measured and passed', async () => {
    const f = await setup();
    fake.incidentId = 'inc-7';
    expect(fake.capabilities.practice('shop', 'staging')).toBeNull();

    const drillId = await injected(f);
    expect(fake.deploys).toEqual([
      {
        input: { service: 'shop', environment: 'staging', release: { ref: 'v2' }, reason: 'rollback drill (practice)' },
        drillId,
      },
    ]);
    // From the injection on, alerts and incidents of shop@staging are practice.
    expect(fake.capabilities.practice('shop', 'staging')).toEqual({ drillId, notify: false });
    expect(fake.capabilities.practice('shop', 'production')).toBeNull();
    expect(fake.watching).toBe(1);

    fake.firstFailureAt = Date.now();
    serviceDown(bus());
    downAlert(bus(), Date.now(), { drillId, delivered: false });
    await until(() => drillOf(drillId).waitingForAction, 'waiting for "Roll back now"');
    const waiting = drillOf(drillId);
    expect(waiting.times.detectedAt).not.toBeNull();
    expect(waiting.times.alertedAt).not.toBeNull();
    expect(waiting.times.firstFailureAt).not.toBeNull();
    expect(waiting.incidentId).toBe('inc-7');
    expect(waiting.phases.find((p) => p.id === 'recover')?.status).toBe('waiting');

    const { runId } = await f.handlers['drills.act']({ drillId });
    expect(runId).toBe('run-2');
    expect(fake.rollbacks).toEqual([
      {
        input: {
          service: 'shop',
          environment: 'staging',
          to: GOOD,
          markBad: false,
          reason: 'rollback drill (practice)',
        },
        drillId,
      },
    ]);
    // The rollback's health gate waits on the checks: that time is not the cockpit's own.
    bus().emit('deploys.run', {
      type: 'step.ended',
      runId: 'run-2',
      host: 'stg-1',
      step: 'rollback-gate',
      title: 'Health gate: ready',
      command: null,
      ok: true,
      exitCode: null,
      durationMs: 60_000,
      error: null,
    });
    fake.pending()?.end();
    await until(() => drillOf(drillId).phase === 'verify', 'the verify phase');
    const recover = drillOf(drillId).phases.find((p) => p.id === 'recover');
    expect(recover?.overheadMs).toBe(0);
    expect(recover?.detail).toContain('health gate waited 1 min');
    expect(
      f.service.get(drillId)?.log.some((e) => e.type === 'output' && e.text.includes('Health gate: ready ✓')),
    ).toBe(true);
    const t = Date.now();
    for (let i = 1; i <= 3; i++) checkRan(bus(), 'up', t + i);
    const done = await until(() => drillOf(drillId).status !== 'running', 'the end').then(() => drillOf(drillId));

    expect(done.status).toBe('passed');
    expect(done.times.recoveredAt).not.toBeNull();
    expect(done.times.verifiedAt).not.toBeNull();
    for (const id of ['detect', 'alert', 'act', 'recover', 'total'] as const) {
      expect(done.measures.find((m) => m.id === id)?.ms, id).not.toBeNull();
    }
    expect(done.measures.find((m) => m.id === 'detect')?.met).toBe(true);
    expect(done.hosts).toEqual([
      { host: 'stg-1', release: GOOD, onReturnRelease: true },
      { host: 'stg-2', release: GOOD, onReturnRelease: true },
    ]);
    expect(done.phases.map((p) => [p.id, p.status])).toEqual([
      ['preflight', 'passed'],
      ['inject', 'passed'],
      ['detect', 'passed'],
      ['recover', 'passed'],
      ['verify', 'passed'],
      ['report', 'passed'],
    ]);
    expect(done.phases.every((p) => p.overheadMs !== null)).toBe(true);
    expect(done.summary).toContain('every target met');
    // The practice release is removed, practice ends, health is no longer watched for the drill.
    expect(fake.removed).toEqual(['20261206T120000Z-v2']);
    expect(fake.capabilities.practice('shop', 'staging')).toBeNull();
    expect(fake.watching).toBe(0);
    expect(drillActions()[0]).toMatchObject({ status: 'succeeded', target: 'shop@staging' });
    // The live log has its start and end; the report is Markdown.
    const log = f.service.get(drillId)?.log ?? [];
    expect(log[0]).toMatchObject({ type: 'run.started', runId: drillId });
    expect(log.at(-1)).toMatchObject({ type: 'run.ended', status: 'succeeded' });
    const report = await f.handlers['drills.report']({ drillId });
    expect(report.markdown).toContain('Time to detect');
    expect(test?.eventsOf('drills.changed').at(-1)?.status).toBe('passed');
    // The overview lists it with the service, no longer running.
    const overview = await f.handlers['drills.overview']({});
    expect(overview.running).toBeNull();
    expect(overview.history[0]?.id).toBe(drillId);
    expect(overview.services[0]).toMatchObject({ service: 'shop', how: 'deploys v2', environment: 'staging' });
    expect(overview.services[0]?.lastDrill?.id).toBe(drillId);
  });

  it('refuses a failed preflight with every reason, journaled, changing nothing', async () => {
    const f = await setup();
    fake.health = {
      ...fake.health,
      status: fake.health.status ? { ...fake.health.status, status: 'down', reason: 'ready: 503' } : null,
    };
    fake.lockedBy = 'ana since 10:02 (deploy)';

    const plan = await f.handlers['drills.preflight']({ service: 'shop' });
    expect(plan.ready).toBe(false);
    expect(plan.items.filter((i) => !i.ok).map((i) => i.id)).toEqual(['health-green', 'no-lock']);
    expect(plan.returnTo).toEqual([
      { host: 'stg-1', release: GOOD },
      { host: 'stg-2', release: GOOD },
    ]);

    const refusal = await refused(() => f.handlers['drills.start']({ service: 'shop' }));
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.message).toContain('shop is down in staging');
    expect(refusal.message).toContain('the deploy lock is held');
    expect(fake.deploys).toEqual([]);
    expect(fake.capabilities.practice('shop', 'staging')).toBeNull();
    expect(drillActions()[0]).toMatchObject({ status: 'failed', target: 'shop@staging' });
    expect((await f.handlers['drills.overview']({})).history).toEqual([]);
  });

  it('refuses a protected environment unless its name is typed', async () => {
    const f = await setup();
    const refusal = await refused(() => f.handlers['drills.start']({ service: 'shop', environment: 'production' }));
    expect(refusal.code).toBe('FORBIDDEN');
    expect(refusal.message).toContain('type "production"');
    expect(fake.deploys).toEqual([]);
  });

  it('cancel while waiting for "Roll back now" rolls back and says where each host stands', async () => {
    const f = await setup();
    const drillId = await injected(f);
    serviceDown(bus());
    await until(() => drillOf(drillId).waitingForAction, 'waiting for the press');

    expect(await f.handlers['drills.cancel']({ drillId })).toEqual({ cancelling: true });
    await until(() => fake.runs.length === 1, 'the restoring rollback');
    expect(fake.rollbacks[0]?.input).toMatchObject({ to: GOOD, markBad: false });
    fake.pending()?.end();
    await until(() => drillOf(drillId).status !== 'running', 'the end');

    const done = drillOf(drillId);
    expect(done.status).toBe('cancelled');
    expect(done.summary).toContain(`stg-1 runs ${GOOD}, the release it returned to`);
    expect(done.summary).toContain('stg-2');
    expect(done.hosts.every((h) => h.onReturnRelease)).toBe(true);
    expect(fake.removed).toEqual(['20261206T120000Z-v2']);
    expect(fake.capabilities.practice('shop', 'staging')).toBeNull();
    expect(drillActions()[0]).toMatchObject({ status: 'cancelled' });
  });

  it('fails when nothing notices the failure in time, and restores the release', async () => {
    const f = await setup({
      drill: '{ environment: staging, breakRelease: v2, detectTimeout: 150ms, targets: { detect: 1m, recover: 1m } }',
    });
    const drillId = await injected(f);
    await until(() => fake.runs.length === 1, 'the restoring rollback');
    fake.pending()?.end();
    await until(() => drillOf(drillId).status !== 'running', 'the end');

    const done = drillOf(drillId);
    expect(done.status).toBe('failed');
    expect(done.summary).toContain('not detected within');
    expect(done.phases.find((p) => p.id === 'detect')?.status).toBe('failed');
    expect(done.hosts.every((h) => h.release === GOOD)).toBe(true);
    expect(done.improvements.length).toBeGreaterThan(0);
    expect(drillActions()[0]).toMatchObject({ status: 'failed' });
  });

  it('refuses a second drill while one runs, naming it', async () => {
    const f = await setup();
    const drillId = await injected(f);
    const refusal = await refused(() => f.handlers['drills.start']({ service: 'shop' }));
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.message).toContain(drillId);
    expect(fake.deploys).toHaveLength(1);
    // "Roll back now" before detection is allowed: detect is then not measured.
    await f.handlers['drills.act']({ drillId });
    expect(drillOf(drillId).phases.find((p) => p.id === 'detect')?.status).toBe('skipped');
    await f.handlers['drills.cancel']({ drillId });
    fake.pending()?.end();
    await until(() => drillOf(drillId).status !== 'running', 'the end');
  });

  it('refuses "Roll back now" before the failure is injected', async () => {
    const f = await setup();
    const { drillId } = await f.handlers['drills.start']({ service: 'shop' });
    const refusal = await refused(() => f.handlers['drills.act']({ drillId }));
    expect(refusal.code).toBe('CONFLICT');
    expect(fake.rollbacks).toEqual([]);
    await f.handlers['drills.cancel']({ drillId });
    await until(() => drillOf(drillId).status !== 'running', 'the end');
    // The practice deploy was stopped; nothing had switched, so no rollback was needed.
    expect(fake.cancels).toEqual(['run-1']);
    expect(drillOf(drillId).status).toBe('cancelled');
  });

  it('closes a drill left running by a process that died, at start', async () => {
    await setup();
    await feature?.close();
    feature = undefined;
    if (!test) throw new Error('no context');
    const store = openRollbackDrillStore(test.context.db);
    const plan = await (async () => {
      const f = createDrillsFeature(test.context, { actor: 'ana' });
      const p = await f.handlers['drills.preflight']({ service: 'shop' });
      await f.close();
      return p;
    })();
    const stale = newDrill({ id: 'drill-old', plan, actor: 'ana', auto: false, startedAt: new Date() });
    store.save({ ...stale, phase: 'detect' });
    test.context.db.prepare("UPDATE rollback_drills SET boot_id = 'an-earlier-boot' WHERE id = 'drill-old'").run();

    feature = createDrillsFeature(test.context, { actor: 'ana' });
    const closed = drillOf('drill-old');
    expect(closed.status).toBe('failed');
    expect(closed.summary).toContain('The cockpit stopped during the drill');
    expect(closed.summary).toContain('Deploys screen');
    expect((await feature.handlers['drills.overview']({})).running).toBeNull();
  });

  it("breaks with the team's own command and heals with its own, on every host", async () => {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-rollback-drill-'));
    const file = join(dir, 'cockpit.yaml');
    writeFileSync(
      file,
      [
        'version: 1',
        'name: Worker',
        'environments: { staging: { hosts: [stg-1, stg-2] } }',
        'hosts:',
        '  stg-1: { local: true, root: hosts/stg-1 }',
        '  stg-2: { local: true, root: hosts/stg-2 }',
        'services:',
        '  shop:',
        '    health:',
        '      - { id: ready, http: "https://shop.example.com/ready", every: 1s, retries: 1, critical: true }',
        '    drill: { break: "mkdir -p ~ && touch ~/stopped && echo stopped", heal: "rm ~/stopped", passes: 1 }',
        '',
      ].join('\n'),
    );
    fake = fakeCockpit(['stg-1', 'stg-2']);
    test = createTestFeatureContext({ dir, demoPath: file, background: false, capabilities: fake.capabilities });
    await test.workspace.open(file);
    const f = createDrillsFeature(test.context, { actor: 'ana' });
    feature = f;
    const stopped = (host: string) => existsSync(join(dir, 'hosts', host, 'stopped'));

    const plan = await f.handlers['drills.preflight']({ service: 'shop' });
    expect(plan).toMatchObject({ method: 'command', environment: 'staging', ready: true });
    const { drillId } = await f.handlers['drills.start']({ service: 'shop' });
    await until(() => drillOf(drillId).phase === 'detect', 'the break command');
    expect(stopped('stg-1') && stopped('stg-2')).toBe(true);
    serviceDown(bus());
    await until(() => drillOf(drillId).waitingForAction, 'waiting for "Heal now"');
    expect(await f.handlers['drills.act']({ drillId })).toEqual({ runId: null });
    await until(() => drillOf(drillId).phase === 'verify', 'the heal command');
    expect(stopped('stg-1') || stopped('stg-2')).toBe(false);
    checkRan(bus(), 'up', Date.now() + 1);
    await until(() => drillOf(drillId).status !== 'running', 'the end');
    const done = drillOf(drillId);
    expect(done.status).toBe('passed');
    expect(done.hosts.every((h) => h.onReturnRelease)).toBe(true);
    expect(fake.deploys).toEqual([]);
    const output = (f.service.get(drillId)?.log ?? []).flatMap((e) => (e.type === 'output' ? [e.text] : []));
    expect(output.join('')).toContain('stopped');
  });

  it("runs the demo's drill once on first launch, pressing the button itself", async () => {
    const f = await setup({ demo: true, feature: { demoDrill: true, demoDelayMs: 10, autoActDelayMs: 20 } });
    await until(() => fake.runs.length === 1, 'the demo drill to start');
    expect(test?.journal.getSetting(DEMO_DRILL_SETTING)).toBe(true);
    const drillId = f.service.running()?.id ?? '';
    expect(drillOf(drillId)).toMatchObject({ auto: true, actor: 'demo' });
    fake.pending()?.end();
    await until(() => drillOf(drillId).phase === 'detect', 'detect');
    serviceDown(bus());
    await until(() => fake.rollbacks.length === 1, 'the automatic press');
    expect(drillOf(drillId).events.find((e) => e.kind === 'act')?.detail).toContain('pressed by the cockpit itself');
    fake.pending()?.end();
    await until(() => drillOf(drillId).phase === 'verify', 'verify');
    const t = Date.now();
    for (let i = 1; i <= 3; i++) checkRan(bus(), 'up', t + i);
    await until(() => drillOf(drillId).status !== 'running', 'the end');
    expect(drillOf(drillId).status).toBe('passed');

    // Opening the demo again never runs it twice.
    await test?.workspace.openDemo();
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.deploys).toHaveLength(1);
  });
});
