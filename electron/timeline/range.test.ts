import { describe, expect, it } from 'vitest';
import { CockpitError } from '../../shared/rpc';
import { parseDuration, parseRange } from './range';

const NOW = new Date('2026-12-06T22:00:00.000Z');
const HOUR = 3_600_000;

function refusal(query: { since: string; until?: string }): CockpitError {
  try {
    parseRange(query, NOW);
  } catch (error) {
    if (error instanceof CockpitError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the timeline range', () => {
  it('reads since as a duration back from now or from until', () => {
    expect(parseRange({ since: '24h' }, NOW)).toEqual({ from: NOW.getTime() - 24 * HOUR, to: NOW.getTime() });
    expect(parseRange({ since: '1h' }, NOW).from).toBe(NOW.getTime() - HOUR);
    expect(parseRange({ since: '7d' }, NOW).from).toBe(NOW.getTime() - 7 * 24 * HOUR);
    expect(parseRange({ since: '90d' }, NOW).from).toBe(NOW.getTime() - 90 * 24 * HOUR);
    expect(parseRange({ since: '6h', until: '2026-12-01T12:00:00Z' }, NOW)).toEqual({
      from: Date.parse('2026-12-01T06:00:00Z'),
      to: Date.parse('2026-12-01T12:00:00Z'),
    });
  });

  it('reads since and until as ISO times', () => {
    expect(parseRange({ since: '2026-12-06T20:00:00Z', until: '2026-12-06T21:00:00.000Z' }, NOW)).toEqual({
      from: Date.parse('2026-12-06T20:00:00Z'),
      to: Date.parse('2026-12-06T21:00:00Z'),
    });
    expect(parseDuration('30d')).toBe(30 * 24 * HOUR);
    expect(parseDuration('0h')).toBeNull();
    expect(parseDuration('yesterday')).toBeNull();
  });

  it('refuses bad input as a bad request naming the field and what works', () => {
    const since = refusal({ since: 'yesterday' });
    expect(since.code).toBe('BAD_REQUEST');
    expect(since.message).toMatch(/"since" must be an ISO time .* or a duration like 1h, 24h, 7d or 30d/);
    expect(since.message).toContain('"yesterday"');
    const until = refusal({ since: '1h', until: '5' });
    expect(until.code).toBe('BAD_REQUEST');
    expect(until.message).toMatch(/^"until" must be an ISO time/);
    expect(refusal({ since: '2026-12-07T00:00:00Z' }).message).toMatch(/"since" .* must be before "until"/);
    expect(refusal({ since: '9999d' }).message).toMatch(/more than 400 days/);
  });
});
