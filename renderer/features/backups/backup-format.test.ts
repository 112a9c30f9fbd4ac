import { describe, expect, it } from 'vitest';
import { type DrillPhase } from '../../../shared/model/backups';
import {
  againstTarget,
  ageBar,
  checksPassed,
  dueText,
  formatAge,
  formatBytes,
  phaseBars,
  sparkline,
} from './backup-format';
import { backupChartRows } from './charts/chart-data';
import { drillHref, drillRunFromHash } from './drill-links';
import { LOG_LIMIT, appendLog } from './store';

const H = 3_600_000;

describe('age against the RPO', () => {
  it('reads "31 h / 26 h" and turns red past the RPO', () => {
    const bar = ageBar(31 * H, 26 * H);
    expect(bar.text).toBe('31 h / 26 h');
    expect(bar.tone).toBe('bad');
    expect(bar.fill).toBe(1);
    expect(bar.label).toBe('newest copy 31 h old, past the RPO of 26 h');
  });

  it('warns when close to the RPO and is calm well within it', () => {
    expect(ageBar(22 * H, 26 * H).tone).toBe('warn');
    const calm = ageBar(3 * H, 26 * H);
    expect(calm.tone).toBe('ok');
    expect(calm.fill).toBeCloseTo(3 / 26);
  });

  it('says so when there is no copy at all', () => {
    expect(ageBar(null, 26 * H)).toMatchObject({ text: '— / 26 h', tone: 'idle', fill: 0 });
  });

  it('picks one unit a person compares at a glance', () => {
    expect(formatAge(45 * 60_000)).toBe('45 min');
    expect(formatAge(50 * H)).toBe('50 h');
    expect(formatAge(5 * 24 * H)).toBe('5 d');
  });
});

describe('sizes', () => {
  it('prints bytes the way backup tools do', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(14.2 * 1024)).toBe('14.2 KB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GB');
    expect(formatBytes(null)).toBe('—');
  });

  it('draws the sparkline oldest left, with a shrunk copy low and marked', () => {
    const sizes = [
      { id: 'a', time: '2026-12-01T00:00:00Z', size: 1000, shrunk: false },
      { id: 'b', time: '2026-12-02T00:00:00Z', size: 1000, shrunk: false },
      { id: 'c', time: '2026-12-03T00:00:00Z', size: null, shrunk: false },
      { id: 'd', time: '2026-12-04T00:00:00Z', size: 100, shrunk: true },
    ];
    const { path, points } = sparkline(sizes, 100, 20, 0);
    expect(points.map((p) => p.id)).toEqual(['a', 'b', 'd']);
    expect(points.map((p) => p.x)).toEqual([0, 50, 100]);
    // Largest at the top (y 0), the shrunk copy near the bottom.
    expect(points[0]?.y).toBe(0);
    expect(points[2]?.y).toBe(18);
    expect(points[2]?.shrunk).toBe(true);
    expect(path).toBe('M0 0 L50 0 L100 18');
  });

  it('has no line for a single copy and nothing without sizes', () => {
    expect(sparkline([{ id: 'a', time: 't', size: 5, shrunk: false }], 100, 20).path).toBe('');
    expect(sparkline([{ id: 'a', time: 't', size: null, shrunk: false }], 100, 20).points).toEqual([]);
  });
});

describe('drills', () => {
  it('says an achieved time against its target and whether it met it', () => {
    expect(againstTarget(41_000, 30 * 60_000)).toEqual({ text: '41 s of 30 min', met: true });
    expect(againstTarget(31 * H, 26 * H).met).toBe(false);
    expect(againstTarget(null, 26 * H)).toEqual({ text: '— (target 26 h)', met: null });
  });

  it('counts passed checks', () => {
    const check = { name: 'n', command: 'c', exitCode: 0, output: '', expected: null, detail: null, durationMs: 1 };
    expect(
      checksPassed({
        checks: [
          { ...check, ok: true },
          { ...check, ok: false },
        ],
      }),
    ).toBe('1 of 2 passed');
    expect(checksPassed({ checks: [] })).toBe('no checks');
  });

  it('draws phases against the longest, keeping a sliver for a fast one', () => {
    const phase = (name: DrillPhase['name'], durationMs: number): DrillPhase => ({
      name,
      durationMs,
      startedAt: '2026-12-06T00:00:00Z',
      ok: true,
      detail: null,
    });
    const bars = phaseBars([phase('preflight', 0), phase('restore', 4000), phase('checks', 1000)]);
    expect(bars.map((b) => b.share)).toEqual([0.02, 1, 0.25]);
  });

  it('says when the next drill is due, and how late it is', () => {
    const now = Date.parse('2026-12-06T00:00:00Z');
    expect(dueText('2027-03-01T00:00:00Z', false, now)).toBe('due in 85 days');
    expect(dueText('2026-12-01T00:00:00Z', true, now)).toBe('overdue by 5 days');
    expect(dueText('2026-12-04T12:00:00Z', true, now)).toBe('overdue by 36 h');
    expect(dueText('2026-11-01T00:00:00Z', true, now)).toBe('overdue by 35 days');
    expect(dueText('2026-12-06T00:00:00Z', true, now)).toBe('due now');
  });

  it('links to the evidence and reads the link back', () => {
    expect(drillHref('ab12cd34')).toBe('#/drills/ab12cd34');
    expect(drillRunFromHash('#/drills/ab12cd34')).toBe('ab12cd34');
    expect(drillRunFromHash('#drills/ab12cd34/')).toBe('ab12cd34');
    expect(drillRunFromHash('#/drills')).toBeNull();
    expect(drillRunFromHash('#/backups/x')).toBeNull();
  });
});

describe('history charts and live logs', () => {
  it('turns history points into time-ordered rows in hours', () => {
    const rows = backupChartRows([
      { at: '2026-12-02T00:00:00Z', status: 'ok', ageMs: 1.5 * H, newestSize: 10, copies: 3 },
      { at: '2026-12-01T00:00:00Z', status: 'failed', ageMs: null, newestSize: null, copies: 0 },
    ]);
    expect(rows).toEqual([
      { t: Date.parse('2026-12-01T00:00:00Z'), ageH: null, size: null },
      { t: Date.parse('2026-12-02T00:00:00Z'), ageH: 1.5, size: 10 },
    ]);
  });

  it('keeps a live log bounded, newest kept', () => {
    let logs = {};
    for (let i = 0; i < LOG_LIMIT + 5; i++)
      logs = appendLog(logs, { type: 'output', runId: 'r', host: null, step: 's', stream: 'stdout', text: `${i}\n` });
    const events = (logs as Record<string, { text?: string }[]>).r ?? [];
    expect(events).toHaveLength(LOG_LIMIT);
    expect(events.at(-1)?.text).toBe(`${LOG_LIMIT + 4}\n`);
  });
});
