/**
 * The health feature while a rollback drill practises (a manual clock, a scripted check, a real journal): the
 * "down" alert is recorded and journaled but nobody is told unless the drill asks, and then it says "Practice:".
 * The capabilities a drill and incidents read — the first failing sample, the pair's health — answer from the same
 * monitor.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestFeatureContext, createTestFeatureContext } from '../features/testing/feature-context';
import { type HealthFeature, createHealthFeature } from './feature';
import { ManualClock } from './manual-clock';
import { createRegistry } from './registry';
import { scriptedKind } from './testing/scripted-kind';

const S = 1_000;
let dir = '';
let test: TestFeatureContext | undefined;
let feature: HealthFeature | undefined;
afterEach(async () => {
  await feature?.close();
  await test?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function practising(notify: boolean) {
  dir = mkdtempSync(join(tmpdir(), 'cockpit-health-practice-'));
  const clock = new ManualClock(Date.UTC(2026, 11, 6, 9, 0, 0));
  const kind = scriptedKind(clock);
  const file = join(dir, 'cockpit.yaml');
  writeFileSync(
    file,
    [
      'version: 1',
      'name: Shop',
      'environments: { staging: {} }',
      'services:',
      '  checkout:',
      '    health:',
      '      - { id: ready, http: "http://127.0.0.1:9/ready", every: 5s, retries: 1, critical: true }',
      '',
    ].join('\n'),
  );
  test = createTestFeatureContext({ dir, demoPath: file, background: true, now: () => new Date(clock.now()) });
  test.context.capabilities.practice = (s, e) =>
    s === 'checkout' && e === 'staging' ? { drillId: 'drill-1', notify } : null;
  await test.workspace.open(file);
  feature = createHealthFeature(test.context, {
    monitor: { clock, registry: createRegistry({ http: kind }), random: () => 0.5, initialSpreadMs: 1_000 },
    sampleEveryMs: 0,
  });
  await clock.advance(10 * S);
  const brokeAt = clock.now();
  kind.set('ready', { status: 'down', reason: '503 from /ready', latencyMs: 2 });
  await clock.advance(20 * S);
  return { clock, test, brokeAt };
}

describe('alerts while a rollback drill practises', () => {
  it('are recorded and journaled, but nobody is told by default', async () => {
    const { test: t, brokeAt, clock } = await practising(false);
    const [alert] = t.eventsOf('health.alert');
    expect(alert).toMatchObject({ kind: 'down', title: 'checkout (staging) is down' });
    expect(alert?.practice).toEqual({ drillId: 'drill-1', delivered: false });
    expect(t.notices).toEqual([]);
    const journaled = t.journal.list({ kind: 'health.alert', limit: 5 }).actions;
    expect(journaled[0]?.summary).toContain('Recorded, not sent: practice during rollback drill drill-1');

    // The first failing sample is the first run after the break (5 s interval), not the confirmation.
    const first = t.context.capabilities.firstFailure({
      service: 'checkout',
      environment: 'staging',
      from: brokeAt - 60 * S,
      to: clock.now(),
    });
    expect(first).toBeGreaterThan(brokeAt);
    expect(first).toBeLessThanOrEqual(brokeAt + 5 * S);
    expect(t.context.capabilities.healthOf('checkout', 'staging')).toMatchObject({
      status: { status: 'down' },
      checks: [{ checkId: 'ready', everyMs: 5 * S, retries: 1, critical: true, status: 'down' }],
    });
  });

  it('go out marked "Practice:" when the drill asks for them', async () => {
    const { test: t } = await practising(true);
    expect(t.notices.map((n) => n.title)).toEqual(['Practice: checkout (staging) is down']);
    expect(t.eventsOf('health.alert')[0]?.practice).toEqual({ drillId: 'drill-1', delivered: true });
  });
});
