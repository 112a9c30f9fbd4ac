import { describe, expect, it } from 'vitest';
import { type DrillMeasure, type DrillPlan, type RollbackDrillSummary } from '../../../shared/model/drills';
import {
  checkTiming,
  clockText,
  drillClockMs,
  drillMoments,
  dueText,
  measureView,
  rollbackDrillFromHash,
  rollbackDrillHref,
  startBlocker,
  trendRows,
  trendTargets,
  trendTicks,
} from './rollback-format';
import { sampleDrillPlan, sampleReadinessCheck } from '../../../shared/model/drill-samples';

const readiness = sampleReadinessCheck;

const plan: DrillPlan = sampleDrillPlan({
  items: [
    { id: 'environment', ok: true, detail: 'staging is not protected' },
    { id: 'health-green', ok: true, detail: 'checkout is healthy on staging' },
  ],
});

const measure = (id: DrillMeasure['id'], ms: number | null, targetMs: number | null): DrillMeasure => ({
  id,
  label: id,
  span: 'a → b',
  ms,
  targetMs,
  met: ms === null || targetMs === null ? null : ms <= targetMs,
});

const summary = (
  id: string,
  startedAt: string,
  detect: number | null,
  recover: number | null,
): RollbackDrillSummary => ({
  id,
  service: 'checkout',
  environment: 'staging',
  actor: 'ana',
  auto: false,
  startedAt,
  endedAt: startedAt,
  status: 'passed',
  phase: 'report',
  summary: null,
  measures: [measure('detect', detect, 120_000), measure('recover', recover, 300_000)],
});

describe('the rollback drill on screen', () => {
  it('links to a drill and reads the link back, apart from restore drill evidence', () => {
    expect(rollbackDrillHref('d 1/2')).toBe('#/drills/rollback/d%201%2F2');
    expect(rollbackDrillFromHash(rollbackDrillHref('d 1/2'))).toBe('d 1/2');
    expect(rollbackDrillFromHash('#/drills/run-1')).toBeNull();
    expect(rollbackDrillFromHash('#/drills')).toBeNull();
  });

  it('says whether a measure met its target and by how much', () => {
    expect(measureView(measure('detect', 7_900, 120_000))).toMatchObject({
      value: '7.9 s',
      target: '2 min',
      verdict: 'met, 1 min 52 s to spare',
      met: true,
    });
    expect(measureView(measure('recover', 330_000, 300_000))).toMatchObject({
      value: '5 min 30 s',
      verdict: 'missed by 30 s',
      met: false,
    });
    expect(measureView(measure('act', 12_000, null)).verdict).toBeNull();
    expect(measureView(measure('recover', null, 300_000))).toMatchObject({
      value: 'not reached',
      verdict: 'not measured',
    });
  });

  it('lists the moments with their offsets from the injection, and which would-be alert it was', () => {
    const moments = drillMoments({
      plan,
      alertsDelivered: false,
      times: {
        injectedAt: '2026-12-06T10:00:00.000Z',
        firstFailureAt: '2026-12-06T10:00:04.000Z',
        detectedAt: '2026-12-06T10:00:07.900Z',
        alertedAt: '2026-12-06T10:00:08.000Z',
        actedAt: null,
        recoveredAt: null,
        verifiedAt: null,
      },
    });
    expect(moments.map((m) => m.label)).toEqual([
      'Failure injected',
      'First failing sample',
      'Detected: service down by its checks',
      'Alert would have been sent',
      'Roll back now pressed',
      'Recovered: every watched check passes',
      'Verified: 3 passes in a row',
    ]);
    expect(moments.map((m) => m.offsetMs)).toEqual([null, 4000, 7900, 8000, null, null, null]);
    const heal = drillMoments({
      plan: { ...plan, method: 'command' },
      alertsDelivered: true,
      times: { ...emptyTimes },
    });
    expect(heal[3]?.label).toBe('Alert sent (practice)');
    expect(heal[4]?.label).toBe('Heal now pressed');
  });

  it('runs the clock from the injection until verified', () => {
    const injectedAt = '2026-12-06T10:00:00.000Z';
    expect(drillClockMs({ times: emptyTimes, endedAt: null }, Date.parse(injectedAt))).toBeNull();
    expect(drillClockMs({ times: { ...emptyTimes, injectedAt }, endedAt: null }, Date.parse(injectedAt) + 42_000)).toBe(
      42_000,
    );
    expect(
      drillClockMs(
        { times: { ...emptyTimes, injectedAt, verifiedAt: '2026-12-06T10:01:05.000Z' }, endedAt: null },
        Date.parse(injectedAt) + 999_000,
      ),
    ).toBe(65_000);
    expect(clockText(42_000)).toBe('0:42');
    expect(clockText(725_000)).toBe('12:05');
    expect(clockText(3_723_000)).toBe('1:02:03');
  });

  it('says why the drill cannot start: a failed preflight item, or the protected name not typed', () => {
    expect(startBlocker(plan, '')).toBeNull();
    const failed = {
      ...plan,
      ready: false,
      items: [...plan.items, { id: 'no-lock' as const, ok: false, detail: 'ana holds the deploy lock of staging' }],
    };
    expect(startBlocker(failed, '')).toBe(
      'Preflight failed: ana holds the deploy lock of staging. Nothing was changed.',
    );
    const guarded = { ...plan, protected: true };
    expect(startBlocker(guarded, 'stag')).toBe('Type staging to confirm the protected environment.');
    expect(startBlocker(guarded, 'staging')).toBeNull();
  });

  it('describes what bounds detection: interval, retries, timeout', () => {
    expect(checkTiming(readiness)).toBe('every 5 s, retries 1, timeout 3 s');
    expect(checkTiming({ ...readiness, everyMs: 300_000, everyFailingMs: 30_000 })).toBe(
      'every 5 min (30 s while failing), retries 1, timeout 3 s',
    );
  });

  it('says when the next drill is due, or that it is overdue', () => {
    const now = Date.parse('2026-12-06T10:00:00.000Z');
    expect(dueText({ dueAt: '2026-12-16T10:00:00.000Z', overdue: false, lastDrill: null }, now)).toBe('Due in 10 days');
    expect(dueText({ dueAt: '2026-12-03T10:00:00.000Z', overdue: true, lastDrill: null }, now)).toBe(
      'Overdue: was due 3 days ago',
    );
    expect(dueText({ dueAt: null, overdue: false, lastDrill: null }, now)).toBe('Never practised');
    expect(dueText({ dueAt: null, overdue: true, lastDrill: null }, now)).toBe('Never practised: due now');
  });

  it('charts drills oldest first, in seconds, leaving out those that measured nothing', () => {
    const history = [
      summary('c', '2026-12-06T10:00:00.000Z', 7_900, 12_340),
      summary('b', '2026-11-06T10:00:00.000Z', null, null),
      summary('a', '2026-10-06T10:00:00.000Z', 65_000, null),
    ];
    expect(trendRows(history).map((r) => [r.id, r.detectS, r.recoverS])).toEqual([
      ['a', 65, null],
      ['c', 7.9, 12.3],
    ]);
    expect(trendTargets(history)).toEqual({ detectS: 120, recoverS: 300 });
    expect(trendTicks(300)).toEqual([0, 60, 120, 180, 240, 300]);
    expect(trendTicks(330)).toEqual([0, 120, 240, 360]);
    expect(trendTicks(12)).toEqual([0, 5, 10, 15]);
  });
});

const emptyTimes = {
  injectedAt: null,
  firstFailureAt: null,
  detectedAt: null,
  alertedAt: null,
  actedAt: null,
  recoveredAt: null,
  verifiedAt: null,
};
