import { describe, expect, it } from 'vitest';
import { parseMetricsText, sumOf } from './text-format';
import { countsDelta, findHistogram, findRequestsCounter, requestCounts } from './requests';

const page = `
# HELP http_requests_total Requests.
# TYPE http_requests_total counter
http_requests_total{method="GET",code="200"} 1027
http_requests_total{method="GET",code="503"} 3
http_requests_total{method="POST",code="500"} 1 1700000000000
http_requests_total{method="GET",code="404"} 12
# TYPE api_latency_seconds histogram
api_latency_seconds_bucket{le="0.1"} 5
api_latency_seconds_bucket{le="+Inf"} 8
weird{path="a \\"quoted\\" \\\\ back\\nslash",empty=""} -Inf
nan_metric NaN
`;

describe('the Prometheus text format reader', () => {
  it('reads samples with labels, values, timestamps, types and special numbers', () => {
    const parsed = parseMetricsText(page);
    expect(parsed.types.get('http_requests_total')).toBe('counter');
    expect(parsed.types.get('api_latency_seconds')).toBe('histogram');
    expect(parsed.samples[0]).toEqual({
      name: 'http_requests_total',
      labels: { method: 'GET', code: '200' },
      value: 1027,
    });
    expect(parsed.samples[2]?.value).toBe(1);
    expect(parsed.samples.find((s) => s.name === 'api_latency_seconds_bucket' && s.labels.le === '+Inf')?.value).toBe(
      8,
    );
    const weird = parsed.samples.find((s) => s.name === 'weird');
    expect(weird?.labels).toEqual({ path: 'a "quoted" \\ back\nslash', empty: '' });
    expect(weird?.value).toBe(-Infinity);
    expect(Number.isNaN(parsed.samples.at(-1)?.value)).toBe(true);
  });

  it('says which line is malformed instead of reading half a page', () => {
    expect(() => parseMetricsText('ok 1\nbroken{code="200" 5\n')).toThrow(/line 2/);
    expect(() => parseMetricsText('no_value\n')).toThrow(/line 1: no value/);
    expect(() => parseMetricsText('x{a="1"} twelve\n')).toThrow(/not a number/);
  });

  it('counts requests and 5xx errors of the requests counter, and finds the histogram', () => {
    const parsed = parseMetricsText(page);
    expect(findRequestsCounter(parsed)).toBe('http_requests_total');
    expect(findRequestsCounter(parsed, 'nope_total')).toBeUndefined();
    expect(findHistogram(parsed)).toBe('api_latency_seconds');
    expect(requestCounts(parsed, 'http_requests_total')).toEqual({ total: 1043, errors: 4 });
    expect(sumOf(parsed, 'http_requests_total', (l) => l.method === 'GET')).toBe(1042);
  });

  it('takes the change between scrapes, and the current counts after a restart', () => {
    expect(countsDelta({ total: 100, errors: 2 }, { total: 150, errors: 7 })).toEqual({ total: 50, errors: 5 });
    expect(countsDelta({ total: 100, errors: 2 }, { total: 20, errors: 1 })).toEqual({ total: 20, errors: 1 });
    expect(countsDelta(undefined, { total: 20, errors: 1 })).toEqual({ total: 20, errors: 1 });
  });
});
