/**
 * TEST CODE ONLY — a loopback double of AWS Cost Explorer's JSON 1.1 protocol, so the real AWS SDK can be tested
 * end to end without an account: `POST /`, `x-amz-target: AWSInsightsIndexService.<Operation>`,
 * `content-type: application/x-amz-json-1.1`, amounts as decimal strings, NextPageToken pagination, Estimated
 * days, empty Groups on days without spend, and errors as `400 {"__type": "...", "message": "..."}`.
 *
 * The double answers from rows the test gives it (one amount per day, service and tag set) and sums them in its
 * own fixed-point arithmetic (BigInt, 10 decimals), never with the code under test. It counts every request and
 * can be told to fail the next N requests of an operation (throttling, then success).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

export interface CostRow {
  /** UTC day, YYYY-MM-DD. */
  date: string;
  service: string;
  tags?: Record<string, string>;
  /** Decimal string, up to 10 fractional digits. */
  amount: string;
}

export interface ForecastRequest {
  start: string;
  end: string;
  granularity: string;
  metric: string;
  filter: unknown;
}

export interface DoubleOptions {
  rows?: CostRow[];
  /** The double's "today" (UTC): forecasts must start on or after it; days ≥ today-2 are Estimated. */
  today?: string;
  /** Days (from this one on) that AWS marks `Estimated: true`; default: today - 2. */
  estimatedFrom?: string;
  /** ResultsByTime entries per page of GetCostAndUsage (and values per page of the pickers). Default 1000. */
  pageSize?: number;
  /** The forecast for a request; default: mean 100, band 90–110. */
  forecast?: (request: ForecastRequest) => { mean: string; low: string; high: string };
  unit?: string;
}

export interface RecordedRequest {
  operation: string;
  body: Record<string, unknown>;
  status: number;
  authorized: boolean;
}

export interface ScriptedError {
  type: string;
  message?: string;
  status?: number;
}

export interface CostExplorerDouble {
  /** http://127.0.0.1:<port> — give it to the SDK as `endpoint`. */
  readonly endpoint: string;
  readonly requests: RecordedRequest[];
  /** Requests received (failed ones included), optionally of one operation. */
  count(operation?: string): number;
  /** Requests answered with 200, optionally of one operation. */
  served(operation?: string): number;
  /** Fails the next `times` requests of `operation` ('*' for any) with this error. */
  failNext(operation: string, error: ScriptedError, times?: number): void;
  setRows(rows: CostRow[]): void;
  setToday(today: string): void;
  /** Forgets recorded requests (not rows nor scripted failures). */
  resetCounts(): void;
  /** Drops scripted failures not used yet. */
  clearFailures(): void;
  close(): Promise<void>;
}

const TARGET_PREFIX = 'AWSInsightsIndexService.';
const SCALE = 10n ** 10n;

/** "12.34" → 123400000000n (10 fractional digits). */
export function toUnits(amount: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,10}))?$/.exec(amount);
  if (!match) throw new Error(`double: bad amount "${amount}"`);
  const units = BigInt(match[2] ?? '0') * SCALE + BigInt((match[3] ?? '').padEnd(10, '0') || '0');
  return match[1] ? -units : units;
}

/** 123400000000n → "12.34". */
export function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / SCALE;
  const fraction = (abs % SCALE).toString().padStart(10, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function nextMonthStart(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;

function asObject(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}
function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Cost Explorer's filter expressions: Dimensions (SERVICE), Tags (Values, MatchOptions ABSENT), And, Or, Not. */
function matches(row: CostRow, expression: unknown): boolean {
  const e = asObject(expression);
  if (Object.keys(e).length === 0) return true;
  if (e.And) return asArray(e.And).every((inner) => matches(row, inner));
  if (e.Or) return asArray(e.Or).some((inner) => matches(row, inner));
  if (e.Not) return !matches(row, e.Not);
  if (e.Dimensions) {
    const d = asObject(e.Dimensions);
    const value = asString(d.Key) === 'SERVICE' ? row.service : undefined;
    return value !== undefined && asArray(d.Values).includes(value);
  }
  if (e.Tags) {
    const t = asObject(e.Tags);
    const key = asString(t.Key) ?? '';
    const value = row.tags?.[key] ?? '';
    if (asArray(t.MatchOptions).includes('ABSENT')) return value === '';
    return asArray(t.Values).includes(value);
  }
  throw new AwsError('ValidationException', 'double: unsupported filter expression');
}

function groupKey(row: CostRow, group: Json): string {
  const type = asString(group.Type);
  const key = asString(group.Key) ?? '';
  if (type === 'DIMENSION' && key === 'SERVICE') return row.service;
  if (type === 'DIMENSION' && key === 'LINKED_ACCOUNT') return '123456789012';
  if (type === 'TAG') return `${key}$${row.tags?.[key] ?? ''}`;
  throw new AwsError('ValidationException', `double: unsupported GroupBy ${type}:${key}`);
}

function periods(start: string, end: string, granularity: string): { Start: string; End: string }[] {
  const out: { Start: string; End: string }[] = [];
  for (let day = start; day < end;) {
    const next = granularity === 'MONTHLY' ? nextMonthStart(day) : addDays(day, 1);
    const periodEnd = next < end ? next : end;
    out.push({ Start: day, End: periodEnd });
    day = periodEnd;
  }
  return out;
}

export async function startCostExplorerDouble(options: DoubleOptions = {}): Promise<CostExplorerDouble> {
  let rows = options.rows ?? [];
  let today = options.today ?? new Date().toISOString().slice(0, 10);
  const pageSize = options.pageSize ?? 1000;
  const unit = options.unit ?? 'USD';
  const requests: RecordedRequest[] = [];
  const script: { operation: string; error: ScriptedError; remaining: number }[] = [];

  const estimatedFrom = () => options.estimatedFrom ?? addDays(today, -2);

  function paginate<T>(items: T[], body: Json): { page: T[]; next?: string } {
    const fingerprint = createHash('sha256')
      .update(JSON.stringify({ ...body, NextPageToken: undefined }))
      .digest('hex')
      .slice(0, 16);
    let offset = 0;
    const token = asString(body.NextPageToken);
    if (token) {
      const [fp, at] = Buffer.from(token, 'base64url').toString('utf8').split(':');
      if (!fp || at === undefined || !/^\d+$/.test(at))
        throw new AwsError('InvalidNextTokenException', 'The pagination token is invalid.');
      if (fp !== fingerprint)
        throw new AwsError('RequestChangedException', 'Your request parameters changed between pages.');
      offset = Number(at);
    }
    const page = items.slice(offset, offset + pageSize);
    const nextOffset = offset + pageSize;
    return nextOffset < items.length
      ? { page, next: Buffer.from(`${fingerprint}:${nextOffset}`).toString('base64url') }
      : { page };
  }

  function timePeriod(body: Json): { start: string; end: string } {
    const tp = asObject(body.TimePeriod);
    const start = asString(tp.Start);
    const end = asString(tp.End);
    if (!start || !end) throw new AwsError('ValidationException', 'TimePeriod is required.');
    if (start >= end) throw new AwsError('ValidationException', 'Start date must be before end date.');
    return { start, end };
  }

  function costAndUsage(body: Json): Json {
    const { start, end } = timePeriod(body);
    const granularity = asString(body.Granularity) ?? 'MONTHLY';
    const metrics = asArray(body.Metrics).map(String);
    if (metrics.length === 0) throw new AwsError('ValidationException', 'Metrics is required.');
    const groupBy = asArray(body.GroupBy).map(asObject);
    if (groupBy.length > 2) throw new AwsError('ValidationException', 'GroupBy takes at most two entries.');
    const selected = rows.filter((row) => row.date >= start && row.date < end && matches(row, body.Filter));

    const results = periods(start, end, granularity).map((period) => {
      const inPeriod = selected.filter((row) => row.date >= period.Start && row.date < period.End);
      const estimated = period.End > estimatedFrom();
      const metricMap = (units: bigint) =>
        Object.fromEntries(metrics.map((m) => [m, { Amount: fromUnits(units), Unit: unit }]));
      if (groupBy.length === 0) {
        const total = inPeriod.reduce((acc, row) => acc + toUnits(row.amount), 0n);
        return { TimePeriod: period, Total: metricMap(total), Groups: [], Estimated: estimated };
      }
      const groups = new Map<string, bigint>();
      for (const row of inPeriod) {
        const keys = JSON.stringify(groupBy.map((g) => groupKey(row, g)));
        groups.set(keys, (groups.get(keys) ?? 0n) + toUnits(row.amount));
      }
      return {
        TimePeriod: period,
        // With a GroupBy, AWS leaves the period's Total empty: the caller must sum the groups.
        Total: {},
        Groups: [...groups].map(([keys, units]) => ({ Keys: JSON.parse(keys) as string[], Metrics: metricMap(units) })),
        Estimated: estimated,
      };
    });
    const { page, next } = paginate(results, body);
    return {
      GroupDefinitions: groupBy.map((g) => ({ Type: g.Type, Key: g.Key })),
      ResultsByTime: page,
      DimensionValueAttributes: [],
      ...(next ? { NextPageToken: next } : {}),
    };
  }

  function costForecast(body: Json): Json {
    const { start, end } = timePeriod(body);
    if (start < today) {
      throw new AwsError(
        'ValidationException',
        `Start date must be equal to or later than the current date (${today}).`,
      );
    }
    const request: ForecastRequest = {
      start,
      end,
      granularity: asString(body.Granularity) ?? '',
      metric: asString(body.Metric) ?? '',
      filter: body.Filter,
    };
    const f = options.forecast?.(request) ?? { mean: '100', low: '90', high: '110' };
    return {
      Total: { Amount: f.mean, Unit: unit },
      ForecastResultsByTime: [
        {
          TimePeriod: { Start: start, End: end },
          MeanValue: f.mean,
          PredictionIntervalLowerBound: f.low,
          PredictionIntervalUpperBound: f.high,
        },
      ],
    };
  }

  function dimensionValues(body: Json): Json {
    const { start, end } = timePeriod(body);
    if (asString(body.Dimension) !== 'SERVICE') throw new AwsError('ValidationException', 'double: only SERVICE');
    const values = [...new Set(rows.filter((r) => r.date >= start && r.date < end).map((r) => r.service))].sort();
    const { page, next } = paginate(values, body);
    return {
      DimensionValues: page.map((Value) => ({ Value, Attributes: {} })),
      ReturnSize: page.length,
      TotalSize: values.length,
      ...(next ? { NextPageToken: next } : {}),
    };
  }

  function tags(body: Json): Json {
    const { start, end } = timePeriod(body);
    const inPeriod = rows.filter((r) => r.date >= start && r.date < end);
    const tagKey = asString(body.TagKey);
    const values = tagKey
      ? inPeriod.map((r) => r.tags?.[tagKey] ?? '').filter((v) => v !== '')
      : inPeriod.flatMap((r) => Object.keys(r.tags ?? {}));
    const unique = [...new Set(values)].sort();
    const { page, next } = paginate(unique, body);
    return { Tags: page, ReturnSize: page.length, TotalSize: unique.length, ...(next ? { NextPageToken: next } : {}) };
  }

  const handlers: Record<string, (body: Json) => Json> = {
    GetCostAndUsage: costAndUsage,
    GetCostForecast: costForecast,
    GetDimensionValues: dimensionValues,
    GetTags: tags,
  };

  function reply(res: ServerResponse, status: number, payload: unknown): void {
    const body = JSON.stringify(payload);
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': Buffer.byteLength(body),
      'x-amzn-requestid': createHash('md5').update(String(requests.length)).digest('hex'),
    });
    res.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
    const record: RecordedRequest = { operation, body: {}, status: 0, authorized: Boolean(req.headers.authorization) };
    requests.push(record);
    try {
      if (req.method !== 'POST' || req.url !== '/') throw new AwsError('UnknownOperationException', 'POST / only', 404);
      if (!String(req.headers['content-type'] ?? '').startsWith('application/x-amz-json-1.1')) {
        throw new AwsError('SerializationException', 'expected application/x-amz-json-1.1');
      }
      record.body = asObject(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
      if (!record.authorized)
        throw new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
      const scripted = script.find((s) => s.remaining > 0 && (s.operation === '*' || s.operation === operation));
      if (scripted) {
        scripted.remaining -= 1;
        throw new AwsError(
          scripted.error.type,
          scripted.error.message ?? scripted.error.type,
          scripted.error.status ?? 400,
        );
      }
      const handler = handlers[operation];
      if (!handler) throw new AwsError('UnknownOperationException', `double: unknown target ${target}`);
      const payload = handler(record.body);
      record.status = 200;
      reply(res, 200, payload);
    } catch (error) {
      const e = error instanceof AwsError ? error : new AwsError('InternalServerError', String(error), 500);
      record.status = e.status;
      reply(res, e.status, { __type: e.type, message: e.message });
    }
  }

  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    count: (operation) => requests.filter((r) => !operation || r.operation === operation).length,
    served: (operation) => requests.filter((r) => r.status === 200 && (!operation || r.operation === operation)).length,
    failNext(operation, error, times = 1) {
      script.push({ operation, error, remaining: times });
    },
    setRows(next) {
      rows = next;
    },
    setToday(next) {
      today = next;
    },
    resetCounts() {
      requests.length = 0;
    },
    clearFailures() {
      script.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Static credentials for the SDK in tests: the double only checks that a request is signed. */
export const testCredentials = { accessKeyId: 'AKIDCOSTDOUBLE', secretAccessKey: 'cost-double-secret' };

/** A small deterministic PRNG (mulberry32), so generated rows are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RowSpec {
  /** First day and the day after the last. */
  from: string;
  to: string;
  services: string[];
  /** env values per row, "" = untagged; one row per day, service and env value. */
  envs?: string[];
  seed?: number;
  /** Largest amount per row, whole dollars. */
  max?: number;
}

/**
 * Rows with awkward amounts: up to ten decimals, values like 0.1 and 0.2 that floats cannot add, some days with no
 * spend at all (empty Groups).
 */
export function makeRows(spec: RowSpec): CostRow[] {
  const random = seededRandom(spec.seed ?? 1);
  const rows: CostRow[] = [];
  const envs = spec.envs ?? ['production', 'staging', ''];
  for (let day = spec.from; day < spec.to; day = addDays(day, 1)) {
    if (random() < 0.05) continue; // a day without spend
    for (const service of spec.services) {
      for (const env of envs) {
        const pick = random();
        const amount =
          pick < 0.2
            ? (['0.1', '0.2', '0.3', '0.7'][Math.floor(random() * 4)] ?? '0.1')
            : fromUnits(BigInt(Math.floor(random() * (spec.max ?? 20) * 1e10)));
        rows.push({
          date: day,
          service,
          tags: env ? { env, team: random() < 0.5 ? 'payments' : 'search' } : {},
          amount,
        });
      }
    }
  }
  return rows;
}

/** Sum of the rows matching `keep`, in the double's own fixed point: the independent expectation of a test. */
export function sumRows(rows: CostRow[], keep: (row: CostRow) => boolean = () => true): bigint {
  return rows.filter(keep).reduce((acc, row) => acc + toUnits(row.amount), 0n);
}
