import { describe, expect, it } from 'vitest';
import { bucketDelta, bucketsOf, quantile } from './histogram';
import { parseMetricsText } from './text-format';

const buckets = (pairs: Array<[number, number]>) => pairs.map(([le, count]) => ({ le, count }));

describe('histogram p95', () => {
  it('interpolates inside the bucket that holds the rank, as histogram_quantile does', () => {
    // 100 observations: 50 ≤ 0.1 s, 90 ≤ 0.2 s, 100 ≤ 0.4 s. Rank 95 lies halfway through (0.2, 0.4].
    expect(
      quantile(
        0.95,
        buckets([
          [0.1, 50],
          [0.2, 90],
          [0.4, 100],
          [Infinity, 100],
        ]),
      ),
    ).toBeCloseTo(0.3, 10);
    // Rank 50 is exactly the end of the first bucket.
    expect(
      quantile(
        0.5,
        buckets([
          [0.1, 50],
          [0.2, 90],
          [0.4, 100],
          [Infinity, 100],
        ]),
      ),
    ).toBeCloseTo(0.1, 10);
    // Inside the first bucket it interpolates from zero.
    expect(
      quantile(
        0.25,
        buckets([
          [0.1, 50],
          [Infinity, 100],
        ]),
      ),
    ).toBeCloseTo(0.05, 10);
  });

  it('answers the highest finite bound when the rank falls into +Inf, and nothing without observations', () => {
    expect(
      quantile(
        0.95,
        buckets([
          [0.1, 10],
          [0.5, 80],
          [Infinity, 100],
        ]),
      ),
    ).toBe(0.5);
    expect(
      quantile(
        0.95,
        buckets([
          [0.1, 0],
          [Infinity, 0],
        ]),
      ),
    ).toBeUndefined();
    expect(quantile(0.95, [])).toBeUndefined();
  });

  it('sums buckets across other labels and computes p95 of what happened between two scrapes', () => {
    const first = parseMetricsText(
      [
        'lat_seconds_bucket{path="/a",le="0.1"} 100',
        'lat_seconds_bucket{path="/b",le="0.1"} 100',
        'lat_seconds_bucket{path="/a",le="1"} 100',
        'lat_seconds_bucket{path="/b",le="1"} 100',
        'lat_seconds_bucket{path="/a",le="+Inf"} 100',
        'lat_seconds_bucket{path="/b",le="+Inf"} 100',
      ].join('\n'),
    );
    const second = parseMetricsText(
      [
        'lat_seconds_bucket{path="/a",le="0.1"} 100',
        'lat_seconds_bucket{path="/b",le="0.1"} 100',
        'lat_seconds_bucket{path="/a",le="1"} 150',
        'lat_seconds_bucket{path="/b",le="1"} 100',
        'lat_seconds_bucket{path="/a",le="+Inf"} 150',
        'lat_seconds_bucket{path="/b",le="+Inf"} 100',
      ].join('\n'),
    );
    expect(bucketsOf(first, 'lat_seconds')).toEqual(
      buckets([
        [0.1, 200],
        [1, 200],
        [Infinity, 200],
      ]),
    );
    // Since the start, p95 is fast; the last 50 requests were all slow (0.1–1 s).
    expect(quantile(0.95, bucketsOf(second, 'lat_seconds'))).toBeLessThanOrEqual(1);
    const delta = bucketDelta(bucketsOf(first, 'lat_seconds'), bucketsOf(second, 'lat_seconds'));
    expect(delta).toEqual(
      buckets([
        [0.1, 0],
        [1, 50],
        [Infinity, 50],
      ]),
    );
    expect(quantile(0.95, delta)).toBeCloseTo(0.1 + 0.9 * 0.95, 10);
  });

  it('treats a counter going down as a restart and uses the current counts', () => {
    const before = buckets([
      [0.1, 500],
      [Infinity, 600],
    ]);
    const after = buckets([
      [0.1, 5],
      [Infinity, 6],
    ]);
    expect(bucketDelta(before, after)).toEqual(after);
  });
});
