import { describe, expect, it } from 'vitest';
import {
  type DrillPhase,
  type DrillPlan,
  type DrillTimes,
  type RollbackDrill,
  rollbackDrillSchema,
} from '../../shared/model/drills';
import { drillMeasures } from './measures';
import { drillReportMarkdown, drillSummaryLine } from './report';
import { sampleDrillPlan, sampleReadinessCheck } from '../../shared/model/drill-samples';

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 6, 14, 0, 0) + seconds * 1000).toISOString();

const plan: DrillPlan = sampleDrillPlan({ watch: [{ ...sampleReadinessCheck, timeoutMs: 2_000 }], items: [] });

const times: DrillTimes = {
  injectedAt: at(0),
  firstFailureAt: at(3),
  detectedAt: at(7.9),
  alertedAt: at(8.1),
  actedAt: at(30),
  recoveredAt: at(71),
  verifiedAt: at(81),
};

function phase(
  id: DrillPhase['id'],
  title: string,
  from: number,
  to: number,
  detail: string | null,
  status: DrillPhase['status'] = 'passed',
): DrillPhase {
  return { id, title, status, startedAt: at(from), endedAt: at(to), detail, overheadMs: 400 };
}

const passedDrill: RollbackDrill = rollbackDrillSchema.parse({
  id: 'drill-7',
  service: 'checkout',
  environment: 'staging',
  actor: 'ana',
  auto: false,
  startedAt: at(-12),
  endedAt: at(82),
  status: 'passed',
  phase: 'report',
  waitingForAction: false,
  cancelling: false,
  phases: [
    phase('preflight', 'Preflight', -12, -10, 'staging is not protected'),
    phase('inject', 'Inject the failure', -10, 0, 'deployed v1.6.0 to demo-stg'),
    phase('detect', 'Detect', 0, 7.9, 'checkout-ready down (503) after 7.9 s'),
    phase('recover', 'Recover', 7.9, 71, 'Roll back now pressed by ana'),
    phase('verify', 'Verify', 71, 81, 'checkout-ready passed 3 times in a row'),
    phase('report', 'Report', 81, 82, null),
  ],
  plan,
  times,
  measures: drillMeasures(times, plan.targets, { service: 'checkout' }),
  improvements: [],
  events: [
    { at: at(0), kind: 'inject', title: 'Failure injected', detail: 'v1.6.0 live on demo-stg' },
    { at: at(-12), kind: 'phase', title: 'Preflight passed', detail: null },
    { at: at(7.9), kind: 'detect', title: 'checkout down', detail: 'checkout-ready: HTTP 503 | ready=false' },
    { at: at(8.1), kind: 'alert', title: 'Down alert decided', detail: 'recorded only (practice)' },
    { at: at(30), kind: 'act', title: 'Roll back now pressed', detail: 'by ana' },
    { at: at(81), kind: 'verify', title: 'Verified', detail: '3 passes in a row; demo-stg on v1.4.0' },
  ],
  hosts: [{ host: 'demo-stg', release: 'v1.4.0', onReturnRelease: true }],
  injectRunId: 'run-inject-1',
  recoverRunId: 'run-rollback-2',
  incidentId: 'inc-3',
  alertsDelivered: false,
  summary: null,
});

describe('drillReportMarkdown', () => {
  const { markdown, fileName } = drillReportMarkdown(passedDrill);

  it('is named for the service, environment and day', () => {
    expect(fileName).toBe('rollback-drill-checkout-staging-2026-12-06.md');
  });

  it('opens with the title, date, who and result', () => {
    expect(markdown.startsWith('# Rollback drill: checkout on staging\n')).toBe(true);
    expect(markdown).toContain('- Date: 2026-12-06, 13:59:48 UTC to 14:01:22 UTC');
    expect(markdown).toContain('- Run by: ana');
    expect(markdown).toContain('- Result: ✅ Passed: recovered, every target met');
    expect(markdown).toContain('- The failure: deployed v1.6.0, a release that fails its checks');
    expect(markdown).toContain('- Alerts: recorded, not sent (practice)');
  });

  it('tabulates each measure against its target, numbers right-aligned', () => {
    expect(markdown).toContain('| Measure | From → to | Time | Target | Result |\n|:---|:---|---:|---:|:---|');
    expect(markdown).toContain('| Time to detect | failure injected → checkout down | 7.9 s | 2 min | ✓ met |');
    expect(markdown).toContain('| Time to act | checkout down → "Roll back now" pressed | 22 s | — | — |');
    expect(markdown).toContain(
      '| Time to recover | "Roll back now" pressed → every watched check passes | 41 s | 5 min | ✓ met |',
    );
    expect(markdown).toContain('| Total | failure injected → recovery verified | 1.4 min | — | — |');
  });

  it('shows a missed target and by how much', () => {
    const late = { ...times, detectedAt: at(200), actedAt: at(210), recoveredAt: at(240) };
    const { markdown: text } = drillReportMarkdown({
      ...passedDrill,
      status: 'missed-target',
      times: late,
      measures: drillMeasures(late, plan.targets, { service: 'checkout' }),
    });
    expect(text).toContain(
      '| Time to detect | failure injected → checkout down | 3.3 min | 2 min | ✗ missed by 1.3 min |',
    );
    expect(text).toContain('- Result: ⚠️ Recovered, but a target was missed');
  });

  it('lays out the timeline in time order, since the failure, with table-safe details', () => {
    const timeline = markdown.slice(markdown.indexOf('## Timeline'), markdown.indexOf('## Steps'));
    expect(timeline).toContain('| Time (UTC) | Since the failure | What | Detail |');
    const rows = timeline.split('\n').filter((l) => /^\| \d\d:/.test(l));
    expect(rows).toEqual([
      '| 13:59:48 | — | Preflight passed |  |',
      '| 14:00:00 | +0 ms | Failure injected | v1.6.0 live on demo-stg |',
      '| 14:00:07 | +7.9 s | checkout down | checkout-ready: HTTP 503 \\| ready=false |',
      '| 14:00:08 | +8.1 s | Down alert decided | recorded only (practice) |',
      '| 14:00:30 | +30 s | Roll back now pressed | by ana |',
      '| 14:01:21 | +1.4 min | Verified | 3 passes in a row; demo-stg on v1.4.0 |',
    ]);
  });

  it("gives each step's time and the cockpit's own time in it", () => {
    expect(markdown).toContain('| Detect | ✓ done | 7.9 s | 400 ms | checkout-ready down (503) after 7.9 s |');
  });

  it('says there is nothing to improve when the list is empty', () => {
    expect(markdown).toContain('## What to improve\n\nNothing to improve.');
  });

  it('lists what to improve with its evidence', () => {
    const { markdown: text } = drillReportMarkdown({
      ...passedDrill,
      improvements: [
        {
          id: 'check-too-slow:checkout-ready',
          severity: 'fix',
          line: 'checkout-ready runs every 5 min: it cannot detect within 2 min',
          evidence: 'checkout-ready: every 5m, retries 1',
        },
        { id: 'quiet-hours', severity: 'consider', line: 'a down alert still goes out', evidence: 'quiet hours 22-7' },
      ],
    });
    expect(text).toContain(
      '- **Fix:** checkout-ready runs every 5 min: it cannot detect within 2 min. _Evidence: checkout-ready: every 5m, retries 1._',
    );
    expect(text).toContain('- **Consider:** a down alert still goes out. _Evidence: quiet hours 22-7._');
    expect(text).not.toContain('Nothing to improve');
  });

  it('says where each host stands and names the deploy runs', () => {
    expect(markdown).toContain('| demo-stg | v1.4.0 | v1.4.0 | ✓ yes |');
    expect(markdown).toContain('- The failure: `run-inject-1`');
    expect(markdown).toContain('- The recovery: `run-rollback-2`');
    expect(markdown).toContain('marked practice');
  });

  it("quotes a break/heal drill's commands so a backtick in them cannot break the Markdown", () => {
    const { markdown: text } = drillReportMarkdown({
      ...passedDrill,
      plan: {
        ...plan,
        method: 'command',
        breakRelease: null,
        breakCommand: 'kill `cat app.pid`',
        healCommand: 'start',
      },
      injectRunId: null,
      recoverRunId: null,
    });
    expect(text).toContain('- The failure: ran `` kill `cat app.pid` ``, healed with `start`');
    expect(text).toContain('- The failure: no deploy run');
  });
});

describe('drillSummaryLine', () => {
  it('sums up a passed drill with its measures', () => {
    expect(drillSummaryLine(passedDrill)).toBe(
      'Rollback drill of checkout on staging: detected in 7.9 s, alert after 8.1 s, recovered 41 s after "Roll back now" (1.4 min in all); every target met.',
    );
  });

  it('names the missed target and by how much', () => {
    const late = { ...times, detectedAt: at(200), actedAt: at(210), recoveredAt: at(240), verifiedAt: at(250) };
    const line = drillSummaryLine({
      ...passedDrill,
      status: 'missed-target',
      times: late,
      measures: drillMeasures(late, plan.targets, { service: 'checkout' }),
    });
    expect(line).toContain('target missed: Time to detect 3.3 min, 1.3 min over the 2 min target.');
  });

  it('says what went wrong and where each host stands when a drill failed', () => {
    const undetected = {
      ...times,
      detectedAt: null,
      alertedAt: null,
      actedAt: null,
      recoveredAt: null,
      verifiedAt: null,
    };
    expect(
      drillSummaryLine({
        ...passedDrill,
        status: 'failed',
        phase: 'detect',
        phases: passedDrill.phases.map((p) => (p.id === 'detect' ? { ...p, status: 'failed', detail: null } : p)),
        times: undetected,
        measures: drillMeasures(undetected, plan.targets),
      }),
    ).toBe(
      'Rollback drill of checkout on staging failed: nothing noticed the failure within 10 min. Where the hosts stand: demo-stg runs v1.4.0, the release it returned to.',
    );
  });

  it("uses the failed step's own words and tells what to do with a host left on the broken release", () => {
    expect(
      drillSummaryLine({
        ...passedDrill,
        status: 'failed',
        phase: 'recover',
        phases: passedDrill.phases.map((p) =>
          p.id === 'recover' ? { ...p, status: 'failed', detail: 'the rollback run failed on demo-stg' } : p,
        ),
        hosts: [{ host: 'demo-stg', release: 'v1.6.0', onReturnRelease: false }],
      }),
    ).toBe(
      'Rollback drill of checkout on staging failed at Recover: the rollback run failed on demo-stg. Where the hosts stand: demo-stg runs v1.6.0, not v1.4.0: roll it back from the Deploys screen.',
    );
  });

  it('says nothing was changed when a drill was cancelled before the failure', () => {
    expect(
      drillSummaryLine({
        ...passedDrill,
        status: 'cancelled',
        phase: 'inject',
        times: { ...times, injectedAt: null },
        injectRunId: null,
        hosts: [],
      }),
    ).toBe('Rollback drill of checkout on staging cancelled at Inject the failure: nothing was changed.');
  });

  it('says a drill is still going', () => {
    expect(drillSummaryLine({ ...passedDrill, status: 'running', phase: 'detect' })).toBe(
      'Rollback drill of checkout on staging: Detect in progress.',
    );
  });
});
