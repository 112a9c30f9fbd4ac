import { describe, expect, it } from 'vitest';
import {
  type DrillPlan,
  type DrillTimes,
  type RollbackDrillSummary,
  type WatchedCheck,
} from '../../shared/model/drills';
import { type ImprovementEvidence, improvements, worstCaseDetectionMs } from './improvements';
import { drillMeasures } from './measures';
import { sampleDrillPlan } from '../../shared/model/drill-samples';

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 6, 14, 0, 0) + seconds * 1000).toISOString();

const ready: WatchedCheck = {
  checkId: 'checkout-ready',
  critical: true,
  everyMs: 5_000,
  everyFailingMs: 5_000,
  retries: 1,
  timeoutMs: 2_000,
};

const plan: DrillPlan = sampleDrillPlan({ watch: [ready], items: [] });

/** A drill where all went well: detected in 7.9 s, pressed 22 s later, healthy 8 s after the press. */
const goodTimes: DrillTimes = {
  injectedAt: at(0),
  firstFailureAt: at(3),
  detectedAt: at(7.9),
  alertedAt: at(8.1),
  actedAt: at(12),
  recoveredAt: at(41),
  verifiedAt: at(56),
};

function evidence(change: Partial<ImprovementEvidence> = {}): ImprovementEvidence {
  const p = change.plan ?? plan;
  const times = change.times ?? goodTimes;
  return {
    plan: p,
    times,
    measures: drillMeasures(times, p.targets, { service: p.service }),
    deploy: { gate: ['checkout-ready'], gateTimeoutMs: 15_000, strategy: 'releases' },
    alerts: { desktop: true, slack: false, quietHours: null },
    detected: true,
    recovered: true,
    previous: [],
    ...change,
  };
}

function withCheck(check: Partial<WatchedCheck>): DrillPlan {
  return { ...plan, watch: [{ ...ready, ...check }] };
}

function previousDrill(recoverMs: number, detectMs = 7_900, environment = 'staging'): RollbackDrillSummary {
  const times: DrillTimes = { ...goodTimes, detectedAt: at(detectMs / 1000), recoveredAt: at(12 + recoverMs / 1000) };
  return {
    id: 'drill-before',
    service: 'checkout',
    environment,
    actor: 'ana',
    auto: false,
    startedAt: '2026-11-02T10:00:00.000Z',
    endedAt: '2026-11-02T10:05:00.000Z',
    status: 'passed',
    phase: 'report',
    summary: null,
    measures: drillMeasures(times, plan.targets),
  };
}

const ids = (e: ImprovementEvidence) => improvements(e).map((i) => i.id);
const find = (e: ImprovementEvidence, id: string) => improvements(e).find((i) => i.id === id);

describe('improvements', () => {
  it('finds nothing to improve when all is well', () => {
    expect(improvements(evidence())).toEqual([]);
  });

  describe('a watched check too slow for the detect target', () => {
    it('says a check that runs every 5 min cannot detect within 2 min', () => {
      const found = find(
        evidence({ plan: withCheck({ everyMs: 300_000, everyFailingMs: 30_000 }) }),
        'check-too-slow:checkout-ready',
      );
      expect(found?.severity).toBe('fix');
      expect(found?.line).toBe('checkout-ready runs every 5 min: it cannot detect within 2 min');
      expect(found?.evidence).toContain('checkout-ready: every 5m, retries 1');
    });

    it('counts retries and the timeout in the worst case', () => {
      const slow = { everyMs: 30_000, everyFailingMs: 30_000, retries: 5, timeoutMs: 10_000 };
      expect(worstCaseDetectionMs({ ...ready, ...slow })).toBe(190_000);
      expect(find(evidence({ plan: withCheck(slow) }), 'check-too-slow:checkout-ready')?.line).toBe(
        'checkout-ready can take up to 3.2 min to notice a failure: it cannot be sure to detect within 2 min',
      );
    });

    it('stays quiet when the worst case fits the target', () => {
      const fits = { everyMs: 60_000, everyFailingMs: 20_000, retries: 2, timeoutMs: 10_000 };
      expect(worstCaseDetectionMs({ ...ready, ...fits })).toBe(110_000);
      expect(ids(evidence({ plan: withCheck(fits) }))).toEqual([]);
    });
  });

  describe('retries that delay the alert', () => {
    it('says how long retries add when they take half the detect target or more', () => {
      const found = find(
        evidence({ plan: withCheck({ everyMs: 10_000, everyFailingMs: 30_000, retries: 2, timeoutMs: 5_000 }) }),
        'retries-slow:checkout-ready',
      );
      expect(found?.severity).toBe('consider');
      expect(found?.line).toBe('retries 2 × 30 s on checkout-ready add 1 min before anyone is told');
      expect(found?.evidence).toBe(
        'checkout-ready: every 10s, retries 2, 30s apart while failing, timeout 5s; detect target 2m',
      );
    });

    it('words the issue example: retries 5 × 30 s add 2.5 min', () => {
      const found = find(
        evidence({ plan: withCheck({ everyFailingMs: 30_000, retries: 5 }) }),
        'retries-slow:checkout-ready',
      );
      expect(found?.line).toBe('retries 5 × 30 s on checkout-ready add 2.5 min before anyone is told');
    });

    it('stays quiet when retries add little, or there are none', () => {
      expect(ids(evidence({ plan: withCheck({ everyFailingMs: 10_000, retries: 5 }) }))).toEqual([]);
      expect(ids(evidence({ plan: withCheck({ everyFailingMs: 90_000, retries: 0 }) }))).toEqual([]);
    });
  });

  describe('the deploy health gate', () => {
    it('asks for a gate when the deploy has none', () => {
      const found = find(evidence({ deploy: { gate: [], gateTimeoutMs: 120_000, strategy: 'releases' } }), 'no-gate');
      expect(found?.severity).toBe('fix');
      expect(found?.line).toBe('no health gate: a bad deploy would go live unnoticed until the checks catch it');
    });

    it('suggests gating on the watched checks when the gate runs others', () => {
      const found = find(
        evidence({ deploy: { gate: ['checkout-home'], gateTimeoutMs: 120_000, strategy: 'releases' } }),
        'gate-not-watched',
      );
      expect(found?.severity).toBe('consider');
      expect(found?.line).toContain('does not run checkout-ready');
      expect(found?.evidence).toBe('gate: checkout-home; the drill watched checkout-ready');
    });

    it('stays quiet without a deploy, or when the gate runs a watched check', () => {
      expect(ids(evidence({ deploy: null }))).toEqual([]);
      expect(
        ids(evidence({ deploy: { gate: ['checkout-home', 'checkout-ready'], gateTimeoutMs: 1, strategy: 'script' } })),
      ).toEqual([]);
    });
  });

  it('asks to mark a watched check critical when none is', () => {
    const found = find(evidence({ plan: withCheck({ critical: false }) }), 'no-critical-check');
    expect(found?.severity).toBe('fix');
    expect(found?.line).toBe(
      'mark checkout-ready critical: only critical checks make the service down and page someone',
    );
    expect(find(evidence(), 'no-critical-check')).toBeUndefined();
  });

  describe('alerts', () => {
    it('says nobody would be told when desktop alerts are off and Slack is not set up', () => {
      const found = find(evidence({ alerts: { desktop: false, slack: false, quietHours: null } }), 'nobody-told');
      expect(found?.severity).toBe('fix');
      expect(found?.line).toContain('nobody would be told');
      expect(ids(evidence({ alerts: { desktop: false, slack: true, quietHours: null } }))).toEqual([]);
    });

    it('reminds what quiet hours hold back', () => {
      const found = find(
        evidence({ alerts: { desktop: true, slack: true, quietHours: '22:00-07:00' } }),
        'quiet-hours',
      );
      expect(found?.severity).toBe('consider');
      expect(found?.line).toBe('a down alert still goes out in quiet hours; warnings wait');
      expect(found?.evidence).toBe('quiet hours 22:00-07:00');
    });
  });

  describe('targets and outcome', () => {
    it('says by how much the detect target was missed', () => {
      const found = find(
        evidence({ times: { ...goodTimes, detectedAt: at(200), actedAt: at(210) } }),
        'detect-target-missed',
      );
      expect(found?.severity).toBe('fix');
      expect(found?.line).toBe('Time to detect 3.3 min, 1.3 min over the 2 min target');
      expect(found?.evidence).toBe('failure injected → checkout down: 3.3 min');
    });

    it('says by how much the recover target was missed', () => {
      const found = find(evidence({ times: { ...goodTimes, recoveredAt: at(12 + 330) } }), 'recover-target-missed');
      expect(found?.line).toBe('Time to recover 5.5 min, 30 s over the 5 min target');
    });

    it('says nothing noticed the failure within the detect timeout', () => {
      const times = {
        ...goodTimes,
        detectedAt: null,
        alertedAt: null,
        actedAt: null,
        recoveredAt: null,
        verifiedAt: null,
      };
      const found = find(evidence({ times, detected: false }), 'not-detected');
      expect(found?.severity).toBe('fix');
      expect(found?.line).toBe(
        'nothing noticed the failure within 10 min: add or change a check so it sees this kind of failure',
      );
      expect(found?.evidence).toBe('watched: checkout-ready; detect timeout 10m');
      // An undetected failure is not also a "missed target": the target was never reached to be missed.
      expect(ids(evidence({ times, detected: false }))).not.toContain('detect-target-missed');
    });

    it('says the service did not come back after the rollback', () => {
      const found = find(
        evidence({ times: { ...goodTimes, recoveredAt: null, verifiedAt: null }, recovered: false }),
        'not-recovered',
      );
      expect(found?.severity).toBe('fix');
      expect(found?.evidence).toBe('returned to demo-stg v1.4.0');
    });
  });

  it('notes when the human part took longer than the machine part', () => {
    const found = find(
      evidence({ times: { ...goodTimes, actedAt: at(60), recoveredAt: at(90), verifiedAt: at(100) } }),
      'act-slower-than-recover',
    );
    expect(found?.severity).toBe('consider');
    expect(found?.line).toBe(
      'the human part took longer than the rollback: keep the runbook and the Roll back button one click away',
    );
    expect(found?.evidence).toBe('time to act 52 s, time to recover 30 s');
  });

  describe('slower than the drill before', () => {
    it('notes a recovery more than 25 % slower than last time', () => {
      const found = find(evidence({ previous: [previousDrill(20_000)] }), 'slower-recover');
      expect(found?.severity).toBe('consider');
      expect(found?.line).toBe('Time to recover 29 s, 45 % slower than the drill before');
      expect(found?.evidence).toBe('this drill 29 s; the drill of 2026-11-02 20 s');
    });

    it('stays quiet within 25 %, within a few seconds, or for another environment', () => {
      expect(ids(evidence({ previous: [previousDrill(25_000)] }))).toEqual([]);
      expect(ids(evidence({ previous: [previousDrill(29_000, 4_000)] }))).toEqual([]);
      expect(ids(evidence({ previous: [previousDrill(10_000, 7_900, 'qa')] }))).toEqual([]);
    });
  });

  it('lists fixes before things to consider', () => {
    const found = improvements(
      evidence({
        alerts: { desktop: true, slack: true, quietHours: '22:00-07:00' },
        deploy: { gate: [], gateTimeoutMs: 1, strategy: 'releases' },
      }),
    );
    expect(found.map((i) => [i.id, i.severity])).toEqual([
      ['no-gate', 'fix'],
      ['quiet-hours', 'consider'],
    ]);
  });
});
