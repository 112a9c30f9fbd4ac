/**
 * Month-to-date spend against a budget as one bar: the spend so far (solid), where the forecast says the month will
 * end (lighter, with its range as a whisker), the budget line and the alert thresholds as ticks. The scale stretches
 * past the budget when spend or the forecast do, so "over" is visible rather than clipped.
 */
import { type Tone } from '../../components/StatusPill';
import { money, percent } from './cost-format';

export interface MeterInput {
  actual: number;
  budget: number | null;
  forecast: { mean: number; low: number; high: number } | null;
  /** Threshold amounts (e.g. 80 % of the budget) drawn as ticks. */
  ticks?: number[];
}

export interface MeterGeometry {
  /** All positions in % of the bar's width. */
  actual: number;
  forecast: { mean: number; low: number; high: number } | null;
  budget: number | null;
  ticks: number[];
  tone: Tone;
}

const clamp = (n: number) => Math.min(100, Math.max(0, n));

export function meterGeometry(input: MeterInput): MeterGeometry {
  const top = Math.max(input.budget ?? 0, input.actual, input.forecast?.high ?? 0, input.forecast?.mean ?? 0);
  const scale = top > 0 ? top * 1.04 : 1;
  const at = (n: number) => clamp((n / scale) * 100);
  const budget = input.budget;
  let tone: Tone = 'ok';
  if (budget !== null && budget > 0) {
    if (input.actual >= budget) tone = 'bad';
    else if ((input.forecast?.mean ?? 0) >= budget || (input.ticks ?? []).some((t) => input.actual >= t)) tone = 'warn';
  } else tone = 'idle';
  return {
    actual: at(input.actual),
    forecast: input.forecast
      ? { mean: at(input.forecast.mean), low: at(input.forecast.low), high: at(input.forecast.high) }
      : null,
    budget: budget !== null && budget > 0 ? at(budget) : null,
    ticks: (input.ticks ?? []).filter((t) => budget === null || t < budget).map(at),
    tone,
  };
}

interface MeterProps {
  input: MeterInput;
  currency: string;
  label: string;
  /** Says under the bar what its parts are (the Overview card; the budgets table has headers instead). */
  legend?: boolean;
}

export function BudgetMeter({ input, currency, label, legend }: MeterProps) {
  const g = meterGeometry(input);
  const usedText =
    input.budget !== null && input.budget > 0
      ? `${money(input.actual, currency)} of ${money(input.budget, currency)} (${percent((input.actual / input.budget) * 100)})`
      : money(input.actual, currency);
  const forecastText = input.forecast ? `; forecast ${money(input.forecast.mean, currency)} by month end` : '';
  return (
    <div
      className={`cost-meter cost-meter-${g.tone}`}
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={input.budget ?? input.actual}
      aria-valuenow={input.actual}
      aria-valuetext={`${usedText}${forecastText}`}
    >
      <div className="cost-meter-track">
        {g.forecast && g.forecast.mean > g.actual ? (
          <span
            className="cost-meter-forecast"
            style={{ left: `${g.actual}%`, width: `${g.forecast.mean - g.actual}%` }}
          />
        ) : null}
        <span className="cost-meter-fill" style={{ width: `${g.actual}%` }} />
        {g.forecast ? (
          <span
            className="cost-meter-range"
            style={{ left: `${g.forecast.low}%`, width: `${Math.max(g.forecast.high - g.forecast.low, 0.5)}%` }}
          />
        ) : null}
        {g.ticks.map((t) => (
          <span key={t} className="cost-meter-tick" style={{ left: `${t}%` }} />
        ))}
        {g.budget !== null ? <span className="cost-meter-budget" style={{ left: `${g.budget}%` }} /> : null}
      </div>
      {legend ? (
        <p className="cost-meter-legend" aria-hidden="true">
          <span>
            <i className="cost-key-spent" /> spent
          </span>
          {g.forecast ? (
            <span>
              <i className="cost-key-forecast" /> forecast to month end, with its range
            </span>
          ) : null}
          {input.budget !== null && input.budget > 0 ? (
            <span>
              <i className="cost-key-budget" /> budget {money(input.budget, currency)}
            </span>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
