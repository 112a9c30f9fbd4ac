import { describe, expect, it } from 'vitest';
import { type ConnectionDetails } from '../../bridge/connection';
import { clockTime, connectionLabel, freshnessOf, retryLine } from './connection-words';

/** Local times, so the test reads the same in every time zone. */
const at = (h: number, m: number, s = 0) => new Date(2026, 2, 12, h, m, s).getTime();

function details(over: Partial<ConnectionDetails>): ConnectionDetails {
  return { state: 'open', lastReceivedAt: null, lastAttemptAt: null, nextAttemptAt: null, ...over };
}

describe('what the top bar says about the connection', () => {
  it('says "Connected" only while the link is open', () => {
    expect(connectionLabel(details({ state: 'open', lastReceivedAt: at(22, 10) }))).toEqual({
      label: 'Connected',
      tone: 'ok',
    });
    for (const state of ['connecting', 'reconnecting', 'session-ended', 'refused', 'bridge-missing'] as const) {
      expect(connectionLabel(details({ state })).label).not.toMatch(/connected|live/i);
    }
  });

  it('says since when the data on screen is stale, from the last data received', () => {
    const lost = details({ state: 'reconnecting', lastReceivedAt: at(22, 14, 40), lastAttemptAt: at(22, 15, 3) });
    expect(connectionLabel(lost)).toEqual({ label: 'Stale since 22:14 — reconnecting…', tone: 'warn' });
    expect(connectionLabel({ ...lost, state: 'session-ended' })).toEqual({ label: 'Stale since 22:14', tone: 'bad' });
  });

  it('never claims stale data when none ever came', () => {
    expect(connectionLabel(details({ state: 'reconnecting' })).label).toBe('Cannot reach the backend — retrying…');
  });

  it('writes times on a 24-hour clock with leading zeros', () => {
    expect(clockTime(at(9, 5))).toBe('09:05');
    expect(clockTime(at(0, 0))).toBe('00:00');
  });
});

describe('the retry line', () => {
  it('says when it last tried and counts down to the next try in whole seconds', () => {
    const d = details({ state: 'reconnecting', lastAttemptAt: at(22, 15, 3), nextAttemptAt: at(22, 15, 11) });
    expect(retryLine(d, at(22, 15, 3))).toBe('Last tried 22:15:03 · next in 8 s');
    expect(retryLine(d, at(22, 15, 3) + 7_200)).toBe('Last tried 22:15:03 · next in 1 s');
    expect(retryLine(d, at(22, 15, 11))).toBe('Last tried 22:15:03 · trying again now…');
  });

  it('before the first retry, gives only the countdown', () => {
    const d = details({ state: 'reconnecting', nextAttemptAt: at(22, 15, 1) });
    expect(retryLine(d, at(22, 15, 0) + 600)).toBe('Next in 1 s');
  });

  it('while an attempt is under way says so', () => {
    expect(retryLine(details({ state: 'reconnecting', lastAttemptAt: at(22, 15, 3) }), at(22, 15, 3))).toBe(
      'Last tried 22:15:03 · trying again now…',
    );
  });
});

describe('the root attribute that fades live statuses', () => {
  it('is live only while open, and stale once the link is lost or the session ended', () => {
    expect(freshnessOf('open')).toBe('live');
    expect(freshnessOf('connecting')).toBe('connecting');
    expect(freshnessOf('reconnecting')).toBe('stale');
    expect(freshnessOf('session-ended')).toBe('stale');
  });
});
