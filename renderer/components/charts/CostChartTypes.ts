/**
 * The shape the cost chart draws (built by features/cost/chart-data.ts). Kept apart from the recharts component so
 * the feature can use the types without pulling recharts into its chunk.
 */

/** The row field of the summed smaller groups. */
export const OTHER_KEY = '__other';

/** A CSS colour per series slot: 1…8, and 0 for Other (the --cost-* variables of renderer/styles/cost.css). */
export const seriesColour = (slot: number): string => `var(--cost-${slot === 0 ? 'other' : slot})`;

export interface ChartSeries {
  /** The row field: `s0`…`s7`, or OTHER_KEY. */
  dataKey: string;
  /** Service name or tag value as shown. */
  label: string;
  /** The group key(s) behind it. */
  keys: string[];
  /** Total over the period, for the legend. */
  total: number;
  /** 1…8, or 0 for Other: the CSS colour slot. */
  colour: number;
}

export interface ChartRow {
  date: string;
  /** The day in words: "Oct 5" ("Oct 5, 2025" when the chart spans years). */
  label: string;
  estimated: boolean;
  total: number;
  /** One field per series dataKey. */
  [series: string]: string | number | boolean;
}

export interface DayMarkers {
  date: string;
  label: string;
  text: string;
  count: number;
  /** A rollback or failed deploy is worth a different look. */
  bad: boolean;
}

/** Days on which one group spent far above its usual: drawn as a band over those days, named in a list below. */
export interface AnomalyBand {
  id: string;
  /** First and last flagged day shown (inclusive). */
  from: string;
  to: string;
  /** The group (service or tag value) as shown. */
  label: string;
  /** The anomaly in a sentence. */
  text: string;
}

export interface CostChartData {
  series: ChartSeries[];
  rows: ChartRow[];
  markers: DayMarkers[];
  /** Unusual spend within the period, oldest first. */
  anomalies: AnomalyBand[];
  currency: string;
  /** The days to label on the axis (undefined: let the chart choose), and each day's axis text. */
  ticks: string[] | undefined;
  tickText: Record<string, string>;
  estimatedDays: number;
  total: number;
}
