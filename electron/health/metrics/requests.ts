/**
 * Request and error counts from a `/metrics` page: a `*_requests_total` counter labelled with the HTTP status
 * (`code` or `status`), 5xx counted as errors — the same thing `rate(x{code=~"5.."}[…]) / rate(x[…])` computes
 * on a Prometheus server, done here between two scrapes.
 */
import { type MetricsPage, sumOf } from './text-format';

export interface RequestCounts {
  total: number;
  errors: number;
}

/** The requests counter to use: the one named, or the first `*_requests_total` carrying a status label. */
export function findRequestsCounter(page: MetricsPage, named?: string): string | undefined {
  if (named) return page.samples.some((s) => s.name === named) ? named : undefined;
  for (const s of page.samples) {
    if (s.name.endsWith('_requests_total') && (s.labels.code !== undefined || s.labels.status !== undefined)) {
      return s.name;
    }
  }
  return undefined;
}

/** The histogram to use: the one named, or the first `*_seconds` histogram on the page. */
export function findHistogram(page: MetricsPage, named?: string): string | undefined {
  if (named) return page.samples.some((s) => s.name === `${named}_bucket`) ? named : undefined;
  for (const [name, type] of page.types) if (type === 'histogram' && name.endsWith('_seconds')) return name;
  const bucket = page.samples.find((s) => s.name.endsWith('_seconds_bucket'));
  return bucket?.name.slice(0, -'_bucket'.length);
}

const isServerError = (labels: Record<string, string>) => /^5\d\d$/.test(labels.code ?? labels.status ?? '');

export function requestCounts(page: MetricsPage, counter: string): RequestCounts {
  return { total: sumOf(page, counter), errors: sumOf(page, counter, isServerError) };
}

/** Counts since the previous scrape; a decrease means the server restarted, so the current counts are the change. */
export function countsDelta(previous: RequestCounts | undefined, current: RequestCounts): RequestCounts {
  if (!previous || current.total < previous.total || current.errors < previous.errors) return current;
  return { total: current.total - previous.total, errors: current.errors - previous.errors };
}
