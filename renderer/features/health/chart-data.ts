/**
 * From a check's history (points, gaps, deploy markers) to what the charts draw. Pure and unit-tested: the
 * honesty rules live here — a "not watched" gap breaks the lines and the status areas instead of being bridged,
 * and shares are of the samples actually taken.
 */
import { type HealthRange, type Series } from '../../../shared/model/health';
import { type DeployMarker } from '../../../shared/model/markers';
import {
  type HealthChartData,
  type HealthChartMarker,
  type HealthChartRow,
} from '../../components/charts/HealthChartTypes';

const gapWords = { asleep: 'asleep — not watched', 'not-running': 'cockpit not running — not watched' } as const;

const badResults = new Set(['failed', 'rolled-back', 'bad']);

export function markerOf(m: DeployMarker): HealthChartMarker {
  return { t: Date.parse(m.at), label: m.label, bad: m.kind === 'rollback' || badResults.has(m.result) };
}

function formatters(range: HealthRange, spanMs: number): Pick<HealthChartData, 'tick' | 'when'> {
  // A history of a few minutes (a check just added) needs seconds on the axis, or every tick reads the same.
  const seconds = spanMs < 15 * 60_000 ? ({ second: '2-digit' } as const) : {};
  const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', ...seconds });
  const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
  const full = new Intl.DateTimeFormat(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const short = range === '1h' || range === '24h';
  return { tick: (t) => (short ? time : day).format(t), when: (t) => full.format(t) };
}

export function chartData(input: { range: HealthRange; series: Series; markers: DeployMarker[] }): HealthChartData {
  const { series, range } = input;
  const rows: HealthChartRow[] = series.points.map((p) => {
    const n = p.count > 0 ? p.count : 1;
    return {
      t: p.at,
      avg: p.latencyAvg,
      p95: series.resolutionMs > 0 ? p.latencyP95 : null,
      up: p.up / n,
      degraded: p.degraded / n,
      down: p.down / n,
    };
  });
  const gaps = series.gaps
    .map((g) => ({
      start: Math.max(g.start, series.from),
      end: Math.min(g.end, series.to),
      label: gapWords[g.reason],
    }))
    .filter((g) => g.end > g.start);
  // A row of nulls where each gap starts: lines and areas stop there instead of bridging time nobody watched.
  for (const g of gaps) rows.push({ t: g.start, avg: null, p95: null, up: null, degraded: null, down: null });
  rows.sort((a, b) => a.t - b.t);
  // The last status holds until the next run: carry it to the end of the range (without a latency) so the
  // status strip shows the current state instead of stopping at the last sample.
  const last = rows.at(-1);
  if (last && last.up !== null && last.t < series.to) rows.push({ ...last, t: series.to, avg: null, p95: null });
  const markers = input.markers.map(markerOf).filter((m) => m.t >= series.from && m.t <= series.to);
  const since = watchedSince(series, rows, markers);
  const from =
    since === null ? series.from : Math.max(series.from, since - Math.max(1_000, (series.to - since) * 0.05));
  return {
    from,
    to: series.to,
    watchedSince: since,
    rows,
    gaps,
    markers,
    aggregated: series.resolutionMs > 0,
    ...formatters(range, series.to - from),
  };
}

/**
 * Where the check's history starts, when that is in the last three quarters of the range: before it there is
 * nothing to draw (not a gap: nobody had asked for this check yet), so the axis starts there. Deploy markers
 * inside the range stay visible.
 */
function watchedSince(series: Series, rows: HealthChartRow[], markers: HealthChartMarker[]): number | null {
  const first = rows[0]?.t;
  if (first === undefined) return null;
  const start = Math.min(first, ...markers.map((m) => m.t));
  return start > series.from + (series.to - series.from) / 4 ? start : null;
}

/** "12 samples", "288 five-minute points": what one point of the chart stands for, for the caption. */
export function resolutionWords(series: Series): string {
  if (series.resolutionMs === 0) return 'each point is one check run';
  const minutes = series.resolutionMs / 60_000;
  return minutes < 60 ? `each point sums ${minutes} min` : `each point sums ${minutes / 60} h`;
}
