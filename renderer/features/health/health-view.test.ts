import { describe, expect, it } from 'vitest';
import { type Series } from '../../../shared/model/health';
import { chartData, resolutionWords } from './chart-data';
import { formatBurn, formatLatency, formatUptime, lastingFor, statusWord, toneOf } from './health-format';
import { pickSelected } from './selectors';

const point = (at: number, status: 'up' | 'down', latency: number | null) => ({
  at,
  count: 1,
  up: status === 'up' ? 1 : 0,
  degraded: 0,
  down: status === 'down' ? 1 : 0,
  latencyAvg: latency,
  latencyMin: latency,
  latencyMax: latency,
  latencyP95: latency,
});

describe('health in words', () => {
  it('never rounds a failure up to 100 %', () => {
    expect(formatUptime(100)).toBe('100%');
    expect(formatUptime(99.999)).toBe('99.99%');
    expect(formatUptime(97.38)).toBe('97.3%');
    expect(formatUptime(null)).toBe('—');
  });

  it('says statuses, latencies, durations and burn rates the way people do', () => {
    expect(toneOf('down')).toBe('bad');
    expect(statusWord('unknown')).toBe('checking…');
    expect(statusWord('unknown', false)).toBe('unknown');
    expect(formatLatency(3.24)).toBe('3.2 ms');
    expect(formatLatency(812.4)).toBe('812 ms');
    expect(formatLatency(1_520)).toBe('1.5 s');
    expect(lastingFor(0, 3 * 60_000 + 5_000)).toBe('for 3 min');
    expect(lastingFor(0, 5_000)).toBe('');
    expect(formatBurn(0.42)).toBe('×0.4');
    expect(formatBurn(14.4)).toBe('×14');
  });
});

describe('the check whose history opens under its row', () => {
  const up = { key: 'a', status: 'up' as const };
  const slow = { key: 'b', status: 'degraded' as const };
  const broken = { key: 'c', status: 'down' as const };

  it('is the one chosen, else the first failing, and none by itself while every check passes', () => {
    expect(pickSelected([up, slow, broken], 'a')).toBe(up);
    expect(pickSelected([up, slow, broken], null)).toBe(broken);
    expect(pickSelected([up, slow], 'gone')).toBe(slow);
    expect(pickSelected([up], null)).toBeNull();
    expect(pickSelected(null, 'a')).toBeNull();
  });
});

describe('chart data', () => {
  const series: Series = {
    key: 'checkout/ready@production',
    from: 0,
    to: 100_000,
    resolutionMs: 0,
    points: [point(10_000, 'up', 12), point(20_000, 'down', null), point(70_000, 'up', 9)],
    gaps: [{ start: 30_000, end: 60_000, reason: 'asleep' }],
  };

  it('breaks lines and areas where nobody watched, instead of bridging the gap', () => {
    const data = chartData({ range: '1h', series, markers: [] });
    expect(data.rows.map((r) => [r.t, r.avg, r.down])).toEqual([
      [10_000, 12, 0],
      [20_000, null, 1],
      [30_000, null, null],
      [70_000, 9, 0],
      // The last status holds until the end of the range; no latency is made up for it.
      [100_000, null, 0],
    ]);
    expect(data.gaps).toEqual([{ start: 30_000, end: 60_000, label: 'asleep — not watched' }]);
    expect(data.aggregated).toBe(false);
    expect(resolutionWords(series)).toBe('each point is one check run');
  });

  it('shows deploys inside the range, a rollback marked as bad', () => {
    const data = chartData({
      range: '1h',
      series,
      markers: [
        {
          at: new Date(50_000).toISOString(),
          service: 'checkout',
          environment: 'production',
          kind: 'rollback',
          release: 'a1',
          result: 'healthy',
          label: 'rollback to a1 by ana',
        },
        {
          at: new Date(500_000).toISOString(),
          service: 'checkout',
          environment: 'production',
          kind: 'deploy',
          release: 'b2',
          result: 'healthy',
          label: 'deploy b2',
        },
      ],
    });
    expect(data.markers).toEqual([{ t: 50_000, label: 'rollback to a1 by ana', bad: true }]);
  });

  it("starts the time axis where a new check's history starts, deploy markers included", () => {
    const recent: Series = { ...series, from: 0, to: 3_600_000, gaps: [], points: [point(3_000_000, 'up', 5)] };
    const deploy = {
      at: new Date(2_900_000).toISOString(),
      service: 'checkout',
      environment: 'production',
      kind: 'deploy' as const,
      release: 'b2',
      result: 'healthy' as const,
      label: 'deploy b2',
    };
    const data = chartData({ range: '1h', series: recent, markers: [deploy] });
    expect(data.watchedSince).toBe(2_900_000);
    expect(data.from).toBeGreaterThan(2_850_000);
    expect(data.from).toBeLessThan(2_900_000);
    // A history that fills the range keeps the whole range.
    expect(chartData({ range: '1h', series, markers: [] })).toMatchObject({ from: 0, watchedSince: null });
  });

  it('draws a p95 line only for aggregated points, with shares of the samples taken', () => {
    const aggregated: Series = {
      ...series,
      resolutionMs: 300_000,
      gaps: [],
      points: [{ ...point(0, 'up', 10), count: 4, up: 3, down: 1, latencyP95: 40 }],
    };
    const [row] = chartData({ range: '24h', series: aggregated, markers: [] }).rows;
    expect(row).toMatchObject({ p95: 40, up: 0.75, down: 0.25 });
    expect(resolutionWords(aggregated)).toBe('each point sums 5 min');
  });
});
