/**
 * Cost Explorer's answers computed from the sample account, in the exact JSON shape AWS sends: GetCostAndUsage
 * (DAILY or MONTHLY, up to two GroupBy, filters on SERVICE and tags, empty Total with a GroupBy, Estimated recent
 * days, NextPageToken pages), GetCostForecast (from today on, with an 80 % band), and the picker lists.
 */
import { type IsoDay, addDays, addMonths, monthOf } from '../dates';
import { type Cell, type SampleAccount, formatUnits, unitNoise } from './generator';

export class ReplayError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;

const asObject = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Groups per page: big enough that a month by service is one page, small enough that long ranges paginate. */
const PAGE_GROUPS = 1000;

function matches(cell: Cell, accountId: string, expression: unknown): boolean {
  const e = asObject(expression);
  if (Object.keys(e).length === 0) return true;
  if (e.And) return asArray(e.And).every((inner) => matches(cell, accountId, inner));
  if (e.Or) return asArray(e.Or).some((inner) => matches(cell, accountId, inner));
  if (e.Not) return !matches(cell, accountId, e.Not);
  if (e.Dimensions) {
    const d = asObject(e.Dimensions);
    const key = asString(d.Key);
    const value =
      key === 'SERVICE'
        ? cell.service
        : key === 'LINKED_ACCOUNT'
          ? accountId
          : key === 'REGION'
            ? 'us-east-1'
            : undefined;
    if (value === undefined)
      throw new ReplayError('ValidationException', `the sample data cannot filter on ${key ?? '?'}`);
    return asArray(d.Values).includes(value);
  }
  if (e.Tags) {
    const t = asObject(e.Tags);
    const value = cell.tags[asString(t.Key) ?? ''] ?? '';
    if (asArray(t.MatchOptions).includes('ABSENT')) return value === '';
    return asArray(t.Values).includes(value);
  }
  throw new ReplayError('ValidationException', 'the sample data supports Dimensions, Tags, And, Or and Not filters');
}

function groupKey(cell: Cell, accountId: string, group: Json): string {
  const type = asString(group.Type);
  const key = asString(group.Key) ?? '';
  if (type === 'DIMENSION' && key === 'SERVICE') return cell.service;
  if (type === 'DIMENSION' && key === 'LINKED_ACCOUNT') return accountId;
  if (type === 'DIMENSION' && key === 'REGION') return 'us-east-1';
  // AWS keys tag groups `key$value`; `key$` is the spend without the tag.
  if (type === 'TAG') return `${key}$${cell.tags[key] ?? ''}`;
  throw new ReplayError('ValidationException', `the sample data cannot group by ${type ?? '?'} ${key}`);
}

function timePeriod(body: Json): { start: IsoDay; end: IsoDay } {
  const tp = asObject(body.TimePeriod);
  const start = asString(tp.Start);
  const end = asString(tp.End);
  if (!start || !end || !/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end)) {
    throw new ReplayError('ValidationException', 'TimePeriod needs Start and End as YYYY-MM-DD');
  }
  if (start >= end) throw new ReplayError('ValidationException', `Start date ${start} must be before end date ${end}`);
  return { start, end };
}

function periods(start: IsoDay, end: IsoDay, granularity: string): { Start: IsoDay; End: IsoDay }[] {
  const out: { Start: IsoDay; End: IsoDay }[] = [];
  for (let day = start; day < end;) {
    const next = granularity === 'MONTHLY' ? `${addMonths(monthOf(day), 1)}-01` : addDays(day, 1);
    const periodEnd = next < end ? next : end;
    out.push({ Start: day, End: periodEnd });
    day = periodEnd;
  }
  return out;
}

function paginate<T extends { Groups: unknown[] }>(
  results: T[],
  token: string | undefined,
): { page: T[]; next?: string } {
  let offset = 0;
  if (token) {
    const decoded = /^o(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!decoded?.[1]) throw new ReplayError('InvalidNextTokenException', 'The pagination token is invalid.');
    offset = Number(decoded[1]);
  }
  const page: T[] = [];
  let groups = 0;
  let index = offset;
  while (index < results.length) {
    const result = results[index] as T;
    if (page.length > 0 && groups + result.Groups.length > PAGE_GROUPS) break;
    page.push(result);
    groups += result.Groups.length;
    index += 1;
  }
  return index < results.length ? { page, next: Buffer.from(`o${index}`).toString('base64url') } : { page };
}

export class ReplayAnswers {
  constructor(private readonly sample: SampleAccount) {}

  answer(operation: string, body: Json): Json {
    switch (operation) {
      case 'GetCostAndUsage':
        return this.costAndUsage(body);
      case 'GetCostForecast':
        return this.forecast(body);
      case 'GetDimensionValues':
        return this.dimensionValues(body);
      case 'GetTags':
        return this.tags(body);
      default:
        throw new ReplayError('UnknownOperationException', `the sample data does not answer ${operation}`);
    }
  }

  private checkHistory(start: IsoDay): void {
    const oldest = this.sample.oldestDay();
    if (start < oldest) {
      throw new ReplayError(
        'ValidationException',
        `start date ${start} is too old: Cost Explorer keeps 13 months of history (from ${oldest})`,
      );
    }
  }

  private costAndUsage(body: Json): Json {
    const { start, end } = timePeriod(body);
    this.checkHistory(start);
    const { accountId, currency, estimatedDays } = this.sample.account;
    const granularity = asString(body.Granularity) ?? 'MONTHLY';
    const metrics = asArray(body.Metrics).map(String);
    if (metrics.length === 0) throw new ReplayError('ValidationException', 'Metrics is required');
    const groupBy = asArray(body.GroupBy).map(asObject);
    if (groupBy.length > 2) throw new ReplayError('ValidationException', 'GroupBy takes at most two entries');
    const estimatedFrom = addDays(this.sample.today(), 1 - estimatedDays);
    const money = (units: number) =>
      Object.fromEntries(metrics.map((m) => [m, { Amount: formatUnits(units), Unit: currency }]));

    const results = periods(start, end, granularity).map((period) => {
      const groups = new Map<string, number>();
      let total = 0;
      for (let day = period.Start; day < period.End; day = addDays(day, 1)) {
        for (const cell of this.sample.cells(day)) {
          if (!matches(cell, accountId, body.Filter)) continue;
          total += cell.units;
          if (groupBy.length === 0) continue;
          const key = JSON.stringify(groupBy.map((g) => groupKey(cell, accountId, g)));
          groups.set(key, (groups.get(key) ?? 0) + cell.units);
        }
      }
      return {
        TimePeriod: period,
        // With a GroupBy, AWS leaves Total empty and the caller sums the groups.
        Total: groupBy.length === 0 ? money(total) : {},
        Groups: [...groups].map(([keys, units]) => ({ Keys: JSON.parse(keys) as string[], Metrics: money(units) })),
        Estimated: period.End > estimatedFrom,
      };
    });
    const { page, next } = paginate(results, asString(body.NextPageToken));
    return {
      GroupDefinitions: groupBy.map((g) => ({ Type: g.Type, Key: g.Key })),
      ResultsByTime: page,
      DimensionValueAttributes: [],
      ...(next ? { NextPageToken: next } : {}),
    };
  }

  private forecast(body: Json): Json {
    const { start, end } = timePeriod(body);
    const today = this.sample.today();
    if (start < today)
      throw new ReplayError('ValidationException', `Start date ${start} must be on or after the current date ${today}`);
    const { accountId, currency } = this.sample.account;
    let units = 0;
    let days = 0;
    for (let day = start; day < end; day = addDays(day, 1)) {
      days += 1;
      for (const cell of this.sample.cells(day, true)) if (matches(cell, accountId, body.Filter)) units += cell.units;
    }
    // A model is never exactly the trend: a small deterministic error, and a band that widens with the horizon,
    // like Cost Explorer's 80 % prediction interval.
    units = Math.round(units * (1 + 0.03 * (2 * unitNoise(`${this.sample.account.seed}|forecast|${start}`) - 1)));
    const spread = 0.04 + 0.004 * days;
    const mean = formatUnits(units);
    const low = formatUnits(Math.round(units * (1 - spread)));
    const high = formatUnits(Math.round(units * (1 + spread)));
    return {
      Total: { Amount: mean, Unit: currency },
      ForecastResultsByTime: [
        {
          TimePeriod: { Start: start, End: end },
          MeanValue: mean,
          PredictionIntervalLowerBound: low,
          PredictionIntervalUpperBound: high,
        },
      ],
    };
  }

  private dimensionValues(body: Json): Json {
    timePeriod(body);
    const dimension = asString(body.Dimension);
    const values =
      dimension === 'SERVICE'
        ? this.sample.serviceNames()
        : dimension === 'LINKED_ACCOUNT'
          ? [this.sample.account.accountId]
          : dimension === 'REGION'
            ? ['us-east-1']
            : [];
    const search = asString(body.SearchString)?.toLowerCase();
    const found = values.filter((v) => !search || v.toLowerCase().includes(search)).sort();
    return {
      DimensionValues: found.map((Value) => ({ Value, Attributes: {} })),
      ReturnSize: found.length,
      TotalSize: found.length,
    };
  }

  private tags(body: Json): Json {
    timePeriod(body);
    const key = asString(body.TagKey);
    const values = key ? this.sample.tagValues(key) : this.sample.tagKeys;
    return { Tags: values, ReturnSize: values.length, TotalSize: values.length };
  }
}
