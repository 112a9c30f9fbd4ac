/**
 * The Cost Explorer requests the cockpit makes, built in one place so that equal questions produce byte-equal
 * requests — and so one cache entry. Usage is always read one calendar month at a time, daily, grouped by one
 * dimension: a closed month is then a cache entry that never expires, and the chart, the movers and the review
 * all reuse it.
 */
import { createHash } from 'node:crypto';
import {
  type Expression,
  type GetCostAndUsageCommandInput,
  type GetCostForecastCommandInput,
} from '@aws-sdk/client-cost-explorer';
import { type CostGroupBy } from '../../shared/model/cost';
import { type BudgetFilter } from '../../shared/workspace/cost';
import { type IsoDay, type IsoMonth, type Period, addDays, monthPeriod } from './dates';
import { FORECAST_METRIC, USAGE_METRIC } from './table';

export interface UsageQuery {
  month: IsoMonth;
  groupBy: CostGroupBy;
  filter?: BudgetFilter;
}

/**
 * The period to ask for: the whole month, or for the current month up to and including today (End is exclusive,
 * so tomorrow). Asking for future days would only return empty ones.
 */
export function usagePeriod(month: IsoMonth, today: IsoDay): Period {
  const whole = monthPeriod(month);
  const tomorrow = addDays(today, 1);
  return tomorrow < whole.end ? { start: whole.start, end: tomorrow } : whole;
}

export function filterExpression(filter: BudgetFilter | undefined): Expression | undefined {
  if (!filter) return undefined;
  const parts: Expression[] = [];
  if (filter.service) parts.push({ Dimensions: { Key: 'SERVICE', Values: [filter.service] } });
  if (filter.tag) {
    const at = filter.tag.indexOf('=');
    const key = filter.tag.slice(0, at).trim();
    const value = filter.tag.slice(at + 1).trim();
    // `env=` is the spend without the tag; Cost Explorer matches it with ABSENT, not with an empty value.
    parts.push(
      value === '' ? { Tags: { Key: key, MatchOptions: ['ABSENT'] } } : { Tags: { Key: key, Values: [value] } },
    );
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { And: parts };
}

export function usageInput(query: UsageQuery, today: IsoDay): GetCostAndUsageCommandInput {
  const period = usagePeriod(query.month, today);
  const input: GetCostAndUsageCommandInput = {
    TimePeriod: { Start: period.start, End: period.end },
    Granularity: 'DAILY',
    Metrics: [USAGE_METRIC],
    GroupBy: [
      query.groupBy.kind === 'service'
        ? { Type: 'DIMENSION', Key: 'SERVICE' }
        : { Type: 'TAG', Key: query.groupBy.key },
    ],
  };
  const filter = filterExpression(query.filter);
  if (filter) input.Filter = filter;
  return input;
}

/** The rest of the month from today: a forecast must start today or later, and End is exclusive. */
export function forecastInput(period: Period, filter?: BudgetFilter): GetCostForecastCommandInput {
  const input: GetCostForecastCommandInput = {
    TimePeriod: { Start: period.start, End: period.end },
    Metric: FORECAST_METRIC,
    Granularity: 'MONTHLY',
    PredictionIntervalLevel: 80,
  };
  const expression = filterExpression(filter);
  if (expression) input.Filter = expression;
  return input;
}

/** JSON with sorted keys at every level, so equal requests hash equally whatever order they were built in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The cache key: which account (profile, replay…), which operation, which request. */
export function queryKey(account: string, operation: string, input: unknown): string {
  return createHash('sha256').update(canonicalJson({ account, operation, input })).digest('hex');
}
