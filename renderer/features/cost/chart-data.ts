/**
 * The daily series as chart rows: the biggest groups keep their own colour and the rest become "Other", so a
 * 40-service account stays readable — except a group with unusual spend in the period, which always keeps its own
 * series (a runaway week must not vanish into "Other"). Each row carries its day's estimated flag and total. Deploy
 * markers are folded per day (the chart draws one line per day); anomalies become bands over their days. Pure and
 * unit-tested.
 */
import { type CostAnomaly, type CostSeries } from '../../../shared/model/cost';
import { type DeployMarker } from '../../../shared/model/markers';
import {
  type AnomalyBand,
  type ChartRow,
  type ChartSeries,
  type CostChartData,
  type DayMarkers,
  OTHER_KEY,
} from '../../components/charts/CostChartTypes';
import { dayLabel, groupLabel, monthShort } from './cost-format';

/** Series drawn with their own colour; the rest are summed into "Other". */
export const TOP_GROUPS = 8;
export const OTHER_LABEL = 'Other';
/** Past this many days the axis names months instead of days. */
const LONG_RANGE_DAYS = 100;

/**
 * The groups drawn on their own, largest first: every flagged one, and the largest others up to TOP_GROUPS in all.
 */
export function ownSeriesKeys(keys: readonly string[], flagged: ReadonlySet<string>): string[] {
  const flaggedShown = keys.filter((k) => flagged.has(k)).length;
  let room = Math.max(TOP_GROUPS - flaggedShown, 0);
  return keys.filter((key) => {
    if (flagged.has(key)) return true;
    if (room === 0) return false;
    room -= 1;
    return true;
  });
}

/** The series of one group only (the chart's "show" filter): the other groups' spend is left out. */
export function onlyKey(series: CostSeries, key: string): CostSeries {
  const amount = series.totals[key] ?? '0';
  return {
    ...series,
    keys: series.keys.includes(key) ? [key] : [],
    totals: series.totals[key] === undefined ? {} : { [key]: amount },
    total: amount,
    days: series.days.map((day) => {
      const value = day.values[key];
      return { ...day, total: value ?? '0', values: value === undefined ? {} : { [key]: value } };
    }),
  };
}

export function toChartData(
  series: CostSeries,
  markers: readonly DeployMarker[] = [],
  anomalies: readonly CostAnomaly[] = [],
): CostChartData {
  const flagged = new Set(anomalies.map((a) => a.key));
  const top = ownSeriesKeys(series.keys, flagged);
  const topSet = new Set(top);
  const rest = series.keys.filter((key) => !topSet.has(key));
  const chartSeries: ChartSeries[] = top.map((key, i) => ({
    dataKey: `s${i}`,
    label: groupLabel(key),
    keys: [key],
    total: Number(series.totals[key] ?? 0),
    // Eight colour slots: more flagged groups than that share colours rather than hide in "Other".
    colour: (i % TOP_GROUPS) + 1,
  }));
  if (rest.length > 0) {
    chartSeries.push({
      dataKey: OTHER_KEY,
      label: rest.length === 1 ? groupLabel(rest[0] ?? '') : `${OTHER_LABEL} (${rest.length})`,
      keys: rest,
      total: rest.reduce((sum, key) => sum + Number(series.totals[key] ?? 0), 0),
      colour: 0,
    });
  }
  const restSet = new Set(rest);
  const topIndex = new Map(top.map((key, i) => [key, `s${i}`]));
  const last = addDay(series.to, -1);
  const oneMonth = series.from.slice(0, 7) === last.slice(0, 7);
  const years = series.from.slice(0, 4) !== last.slice(0, 4);

  const rows: ChartRow[] = series.days.map((day) => {
    const row: ChartRow = {
      date: day.date,
      label: dayLabel(day.date, years),
      estimated: day.estimated,
      total: Number(day.total),
    };
    for (const s of chartSeries) row[s.dataKey] = 0;
    for (const [key, value] of Object.entries(day.values)) {
      const field = topIndex.get(key) ?? (restSet.has(key) ? OTHER_KEY : undefined);
      if (field) row[field] = (row[field] as number) + Number(value);
    }
    return row;
  });

  const known = new Map(rows.map((r) => [r.date, r.label]));
  const byDay = new Map<string, DeployMarker[]>();
  for (const marker of markers) {
    const date = marker.at.slice(0, 10);
    if (!known.has(date)) continue;
    byDay.set(date, [...(byDay.get(date) ?? []), marker]);
  }
  const dayMarkers: DayMarkers[] = [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, list]) => ({
      date,
      label: known.get(date) ?? date,
      count: list.length,
      text: list.length === 1 ? (list[0]?.label ?? 'deploy') : `${list.length} deploys`,
      bad: list.some((m) => m.kind === 'rollback' || m.result === 'failed' || m.result === 'rolled-back'),
    }));

  const first = rows[0]?.date;
  const lastShown = rows.at(-1)?.date;
  const bands: AnomalyBand[] = [];
  if (first && lastShown) {
    for (const a of anomalies) {
      if (a.to < first || a.from > lastShown) continue;
      bands.push({
        id: a.id,
        from: a.from < first ? first : a.from,
        to: a.to > lastShown ? lastShown : a.to,
        label: groupLabel(a.key),
        text: a.message,
      });
    }
  }

  return {
    series: chartSeries,
    rows,
    markers: dayMarkers,
    anomalies: bands,
    currency: series.currency,
    ...axis(rows, oneMonth),
    estimatedDays: rows.filter((r) => r.estimated).length,
    total: Number(series.total),
  };
}

/** Day numbers within one month; "Oct 5" over a few months; month names (a year where it starts) beyond. */
function axis(rows: ChartRow[], oneMonth: boolean): Pick<CostChartData, 'ticks' | 'tickText'> {
  const tickText: Record<string, string> = {};
  if (oneMonth) {
    for (const row of rows) tickText[row.date] = String(Number(row.date.slice(8, 10)));
    return { ticks: undefined, tickText };
  }
  if (rows.length <= LONG_RANGE_DAYS) {
    for (const row of rows) tickText[row.date] = dayLabel(row.date);
    return { ticks: undefined, tickText };
  }
  const ticks = rows.filter((row, i) => i === 0 || row.date.endsWith('-01')).map((row) => row.date);
  ticks.forEach((date, i) => {
    tickText[date] = monthShort(date, i === 0 || date.slice(5, 7) === '01');
  });
  return { ticks, tickText };
}

function addDay(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
