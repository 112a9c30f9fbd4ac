/**
 * prometheus, two ways:
 *  - `{ server, query }`: a PromQL instant query against an existing Prometheus (`/api/v1/query`); every series
 *    it returns must stay within `min`/`max`; no data is down (a query that matches nothing proves nothing).
 *  - `{ scrape }`: read a `/metrics` page directly, and between this scrape and the previous one compute the 5xx
 *    rate of a `*_requests_total` counter and the p95 of a latency histogram. The very first scrape has no
 *    previous one and uses the counters since the server started (and says so).
 */
import { type PrometheusCheckConfig } from '../../../shared/workspace/health';
import { humanDuration, humanLatency } from '../words';
import { type Buckets, bucketDelta, bucketsOf, quantile } from '../metrics/histogram';
import {
  countsDelta,
  findHistogram,
  findRequestsCounter,
  type RequestCounts,
  requestCounts,
} from '../metrics/requests';
import { parseMetricsText } from '../metrics/text-format';
import { describeNetError, targetOf } from './net-errors';
import { type CheckContext, type CheckKind, type CheckOutcome } from './types';

type Query = Extract<PrometheusCheckConfig['prometheus'], { query: string }>;
type Scrape = Extract<PrometheusCheckConfig['prometheus'], { scrape: string }>;

const MAX_BYTES = 4 * 1024 * 1024;

export const prometheusKind: CheckKind<PrometheusCheckConfig> = {
  name: 'prometheus',
  subject: (check) => {
    const p = check.prometheus;
    if ('query' in p) return p.query.length > 60 ? `${p.query.slice(0, 57)}…` : p.query;
    return new URL(p.scrape).pathname === '/' ? new URL(p.scrape).host : new URL(p.scrape).pathname;
  },
  async run(check, context) {
    const p = check.prometheus;
    const subject = prometheusKind.subject(check);
    const started = performance.now();
    try {
      const outcome = 'query' in p ? await runQuery(p, context) : await runScrape(p, context);
      return {
        ...outcome,
        latencyMs: performance.now() - started,
        headline: outcome.headline ?? `${subject}: ${outcome.reason}`,
      };
    } catch (error) {
      const url = new URL('query' in p ? p.server : p.scrape);
      const reason =
        error instanceof AnswerError
          ? error.message
          : describeNetError(error, targetOf(url), context.timeoutMs, context.signal.aborted);
      return { status: 'down', reason, headline: `${subject}: ${reason}` };
    }
  },
};

/** The server answered, but not with something we can use. */
class AnswerError extends Error {}

async function getText(url: URL, context: CheckContext): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { signal: context.signal, headers: { accept: 'application/json, text/plain' } });
  const text = await response.text();
  if (text.length > MAX_BYTES) throw new AnswerError(`answer too large (${Math.round(text.length / 1024)} KiB)`);
  return { status: response.status, text };
}

// ---- PromQL instant query -------------------------------------------------------------------------------------

interface PromAnswer {
  status?: string;
  error?: string;
  errorType?: string;
  data?: { resultType?: string; result?: unknown };
}

interface Series {
  labels: string;
  value: number;
}

/** The series of an instant-query answer (vector or scalar), as label text and number. */
export function seriesOf(answer: PromAnswer): Series[] {
  if (answer.status !== 'success') {
    throw new AnswerError(`Prometheus said ${answer.errorType ?? 'error'}: ${answer.error ?? 'no detail'}`);
  }
  const result = answer.data?.result;
  if (answer.data?.resultType === 'scalar' && Array.isArray(result)) {
    return [{ labels: '', value: Number(result[1]) }];
  }
  if (!Array.isArray(result)) throw new AnswerError(`unexpected result type ${answer.data?.resultType ?? '?'}`);
  return result.map((item: { metric?: Record<string, string>; value?: [number, string] }) => ({
    labels: Object.entries(item.metric ?? {})
      .filter(([k]) => k !== '__name__')
      .map(([k, v]) => `${k}="${v}"`)
      .join(','),
    value: Number(item.value?.[1]),
  }));
}

async function runQuery(p: Query, context: CheckContext): Promise<CheckOutcome> {
  const base = p.server.endsWith('/') ? p.server : `${p.server}/`;
  const url = new URL('api/v1/query', base);
  url.searchParams.set('query', p.query);
  const { status, text } = await getText(url, context);
  let answer: PromAnswer;
  try {
    answer = JSON.parse(text) as PromAnswer;
  } catch {
    throw new AnswerError(`${status} from ${url.pathname}, not a Prometheus answer`);
  }
  const series = seriesOf(answer);
  if (series.length === 0) return { status: 'down', reason: 'query returned no data' };
  const name = (s: Series) => (s.labels ? `{${s.labels}} ` : '');
  for (const s of series) {
    if (Number.isNaN(s.value)) return { status: 'down', reason: `${name(s)}value is NaN` };
    if (p.max !== undefined && s.value > p.max) {
      return { status: 'down', reason: `${name(s)}${fmt(s.value)} above max ${p.max}`, metrics: { value: s.value } };
    }
    if (p.min !== undefined && s.value < p.min) {
      return { status: 'down', reason: `${name(s)}${fmt(s.value)} below min ${p.min}`, metrics: { value: s.value } };
    }
  }
  const first = series[0] as Series;
  const reason = series.length === 1 ? `value ${fmt(first.value)}` : `${series.length} series within limits`;
  return { status: 'up', reason, metrics: { value: first.value } };
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toPrecision(4).replace(/\.?0+$/, ''));

// ---- /metrics scrape ------------------------------------------------------------------------------------------

interface ScrapeMemory {
  counts?: RequestCounts;
  buckets?: Buckets;
}

async function runScrape(p: Scrape, context: CheckContext): Promise<CheckOutcome> {
  const url = new URL(p.scrape);
  const { status, text } = await getText(url, context);
  if (status !== 200) throw new AnswerError(`${status} from ${url.pathname}`);
  const page = parseMetricsText(text);
  const previous = context.memory.get<ScrapeMemory>('scrape');
  const next: ScrapeMemory = {};
  const parts: string[] = [];
  const metrics: Record<string, number> = {};
  let verdict: CheckOutcome['status'] = 'up';
  const problems: string[] = [];
  const span = previous ? 'since the last scrape' : 'since the server started';

  const counter = findRequestsCounter(page, p.requests);
  if (counter) {
    next.counts = requestCounts(page, counter);
    const delta = countsDelta(previous?.counts, next.counts);
    metrics.requests = delta.total;
    if (delta.total > 0) {
      const rate = (delta.errors / delta.total) * 100;
      metrics.errorRate = rate;
      const said = `5xx ${rate.toFixed(1)}% of ${delta.total} requests`;
      if (p.maxErrorRate !== undefined && rate > p.maxErrorRate) {
        verdict = 'down';
        problems.push(`${said} ${span} (max ${p.maxErrorRate}%)`);
      } else parts.push(said);
    } else parts.push(`no requests ${span}`);
  } else if (p.requests || p.maxErrorRate !== undefined) {
    throw new AnswerError(`no ${p.requests ?? '*_requests_total'} counter with a code label on the page`);
  }

  const histogram = findHistogram(page, p.histogram);
  if (histogram) {
    next.buckets = bucketsOf(page, histogram);
    const p95 = quantile(0.95, bucketDelta(previous?.buckets, next.buckets));
    if (p95 !== undefined) {
      const p95Ms = p95 * 1000;
      metrics.p95Ms = p95Ms;
      const said = `p95 ${humanLatency(p95Ms)}`;
      if (p.maxP95 !== undefined && p95Ms > p.maxP95) {
        if (verdict === 'up') verdict = 'degraded';
        problems.push(`${said} (max ${humanDuration(p.maxP95)})`);
      } else parts.push(said);
    }
  } else if (p.histogram || p.maxP95 !== undefined) {
    throw new AnswerError(`no ${p.histogram ?? '*_seconds'} histogram on the page`);
  }

  context.memory.set('scrape', next);
  const reason = problems.length > 0 ? problems.join('; ') : parts.join(', ') || 'scraped';
  return { status: verdict, reason, metrics };
}
