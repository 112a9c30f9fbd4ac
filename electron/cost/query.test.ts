import { describe, expect, it } from 'vitest';
import { canonicalJson, filterExpression, forecastInput, queryKey, usageInput, usagePeriod } from './query';

describe('Cost Explorer requests', () => {
  it('ask for the current month up to today (End exclusive), a past month whole', () => {
    expect(usagePeriod('2026-11', '2026-11-20')).toEqual({ start: '2026-11-01', end: '2026-11-21' });
    expect(usagePeriod('2026-11', '2026-11-30')).toEqual({ start: '2026-11-01', end: '2026-12-01' });
    expect(usagePeriod('2026-10', '2026-11-20')).toEqual({ start: '2026-10-01', end: '2026-11-01' });
  });

  it('group daily by service or by one tag, with a budget filter', () => {
    expect(
      usageInput(
        { month: '2026-10', groupBy: { kind: 'tag', key: 'env' }, filter: { service: 'AWS Lambda' } },
        '2026-11-20',
      ),
    ).toEqual({
      TimePeriod: { Start: '2026-10-01', End: '2026-11-01' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: [{ Type: 'TAG', Key: 'env' }],
      Filter: { Dimensions: { Key: 'SERVICE', Values: ['AWS Lambda'] } },
    });
  });

  it('match untagged spend with ABSENT, and both filters with And', () => {
    expect(filterExpression({ tag: 'env=' })).toEqual({ Tags: { Key: 'env', MatchOptions: ['ABSENT'] } });
    expect(filterExpression({ tag: 'team = payments', service: 'S3' })).toEqual({
      And: [{ Dimensions: { Key: 'SERVICE', Values: ['S3'] } }, { Tags: { Key: 'team', Values: ['payments'] } }],
    });
    expect(filterExpression(undefined)).toBeUndefined();
  });

  it('forecast monthly with an 80 % band', () => {
    expect(forecastInput({ start: '2026-11-20', end: '2026-12-01' })).toEqual({
      TimePeriod: { Start: '2026-11-20', End: '2026-12-01' },
      Metric: 'UNBLENDED_COST',
      Granularity: 'MONTHLY',
      PredictionIntervalLevel: 80,
    });
  });

  it('hash equal questions equally, whatever the key order, and apart per account', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined, e: 'x' }] })).toBe('{"a":[{"d":2,"e":"x"}],"b":1}');
    const one = queryKey('profile:a', 'GetCostAndUsage', { TimePeriod: { Start: '1', End: '2' }, Metrics: ['m'] });
    const two = queryKey('profile:a', 'GetCostAndUsage', { Metrics: ['m'], TimePeriod: { End: '2', Start: '1' } });
    expect(one).toBe(two);
    expect(queryKey('profile:b', 'GetCostAndUsage', { Metrics: ['m'], TimePeriod: { End: '2', Start: '1' } })).not.toBe(
      one,
    );
  });
});
