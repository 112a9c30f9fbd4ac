import { describe, expect, it } from 'vitest';
import {
  type HourBucket,
  type PackedSample,
  decodeBuckets,
  decodeSamples,
  encodeBuckets,
  encodeSamples,
  latencyCode,
  latencyFromCode,
} from './hour-codec';
import { bucketsOf, mergeBuckets } from './hour-buckets';

const HOUR = Date.UTC(2026, 2, 10, 12, 0, 0);

function up(at: number, latencyUs: number | null, coverMs = 30_000): PackedSample {
  return { at, status: 0, latencyUs, coverMs, reason: null, metrics: null };
}

describe('packed samples', () => {
  it('come back exactly as inserted: nulls, reasons, metrics, irregular times, 1 ms apart', () => {
    const samples: PackedSample[] = [
      up(HOUR, 0),
      up(HOUR + 1, 12_345),
      {
        at: HOUR + 30_001,
        status: 2,
        latencyUs: null,
        coverMs: 10_000,
        reason: '503 from /health/ready',
        metrics: null,
      },
      { at: HOUR + 59_999, status: 1, latencyUs: 1_200_000, coverMs: 10_000, reason: 'slow: 1.2 s', metrics: null },
      {
        at: HOUR + 61_000,
        status: 2,
        latencyUs: null,
        coverMs: 10_000,
        reason: '503 from /health/ready',
        metrics: null,
      },
      { ...up(HOUR + 900_000, 7), metrics: '{"disk_used":0.42,"load":3}' },
      { at: HOUR + 900_001, status: 1, latencyUs: 5, coverMs: 0, reason: 'héllo ✓ — unicode', metrics: '{"x":-1.5}' },
      up(HOUR + 3_599_999, 99_999_999, 123_456_789),
    ];
    expect(decodeSamples(HOUR, encodeSamples(HOUR, samples))).toEqual(samples);
    expect(decodeSamples(HOUR, encodeSamples(HOUR, []))).toEqual([]);
  });

  it('cost under four bytes each when the check runs on time and stays up', () => {
    const samples = Array.from({ length: 120 }, (_, i) => up(HOUR + 997 + i * 30_000, 5_000 + ((i * 7919) % 60_000)));
    const blob = encodeSamples(HOUR, samples);
    expect(decodeSamples(HOUR, blob)).toEqual(samples);
    expect(blob.length).toBeLessThan(120 * 4);
  });

  it('refuse a damaged blob with a message rather than invent samples', () => {
    const blob = encodeSamples(HOUR, [up(HOUR, 5), up(HOUR + 1, 6)]);
    expect(() => decodeSamples(HOUR, blob.subarray(0, 3))).toThrow(/damaged/);
  });
});

describe('packed aggregates', () => {
  const bucket = (over: Partial<HourBucket> & { index: number }): HourBucket => ({
    counts: [10, 0, 0],
    ms: [300_000, 0, 0],
    latN: 10,
    latSumUs: 350_000,
    latMinUs: 5_000,
    latMaxUs: 64_000,
    latP95Us: 64_000,
    ...over,
  });

  it('keep counts and covered time exactly, latencies to 0.5 %', () => {
    const buckets: HourBucket[] = [
      bucket({ index: 0 }),
      bucket({ index: 1, counts: [7, 2, 1], ms: [210_000, 20_000, 10_000], latN: 9, latSumUs: 9 * 41_234.5 }),
      bucket({
        index: 5,
        counts: [0, 0, 3],
        ms: [0, 0, 90_000],
        latN: 0,
        latSumUs: 0,
        latMinUs: null,
        latMaxUs: null,
        latP95Us: null,
      }),
      bucket({
        index: 11,
        counts: [1, 0, 0],
        ms: [17, 0, 0],
        latN: 1,
        latSumUs: 123,
        latMinUs: 123,
        latMaxUs: 123,
        latP95Us: 123,
      }),
    ];
    const decoded = decodeBuckets(encodeBuckets(buckets));
    expect(decoded.map((b) => [b.index, b.counts, b.ms, b.latN])).toEqual(
      buckets.map((b) => [b.index, b.counts, b.ms, b.latN]),
    );
    decoded.forEach((b, i) => {
      const want = buckets[i] as HourBucket;
      for (const [got, exp] of [
        [b.latSumUs, want.latSumUs],
        [b.latMinUs, want.latMinUs],
        [b.latMaxUs, want.latMaxUs],
        [b.latP95Us, want.latP95Us],
      ] as const) {
        if (exp === null) expect(got).toBeNull();
        else expect(Math.abs((got ?? 0) - exp)).toBeLessThanOrEqual(exp * 0.005);
      }
    });
  });

  it('cost well under 100 bytes for a regular hour of 12 buckets', () => {
    const samples = Array.from({ length: 120 }, (_, i) => up(HOUR + 997 + i * 30_000, 5_000 + ((i * 7919) % 60_000)));
    const buckets = bucketsOf(samples, HOUR, 300_000);
    expect(buckets).toHaveLength(12);
    expect(encodeBuckets(buckets).length).toBeLessThan(100);
  });

  it('merge additively: a late sample adds to counts, time and sums, keeps the extremes', () => {
    const early = bucketsOf([up(HOUR, 10_000), up(HOUR + 30_000, 30_000)], HOUR, 300_000);
    const late = bucketsOf(
      [{ at: HOUR + 60_000, status: 2, latencyUs: 90_000, coverMs: 5_000, reason: 'down', metrics: null }],
      HOUR,
      300_000,
    );
    expect(mergeBuckets(early, late)).toEqual([
      {
        index: 0,
        counts: [2, 0, 1],
        ms: [60_000, 0, 5_000],
        latN: 3,
        latSumUs: 130_000,
        latMinUs: 10_000,
        latMaxUs: 90_000,
        latP95Us: 90_000,
      },
    ]);
  });
});

describe('latency codes', () => {
  it('grow with the latency, stay within 0.5 %, and keep round figures exact', () => {
    let prev = -1;
    for (let us = 0; us < 100_000_000; us = Math.ceil(us * 1.003) + 1) {
      const code = latencyCode(us);
      expect(code).toBeGreaterThanOrEqual(prev);
      prev = code;
      expect(Math.abs(latencyFromCode(code) - us)).toBeLessThanOrEqual(Math.max(0.5, us * 0.005));
    }
    for (const us of [0, 999, 1_000, 5_000, 20_000, 145_000, 1_000_000, 12_300_000]) {
      expect(latencyFromCode(latencyCode(us))).toBe(us);
    }
  });
});
