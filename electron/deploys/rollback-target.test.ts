import { describe, expect, it } from 'vitest';
import { ago, span } from './labels';
import { type ReleaseView, chooseRollbackTarget, releaseLabel } from './rollback-target';

/** The value, or a clear failure when a test's own setup is broken. */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('test setup: missing value');
  return value;
}

const view = (id: string, extra: Partial<ReleaseView> = {}): ReleaseView => ({
  id,
  createdAt: null,
  goodAt: null,
  bad: null,
  everywhere: true,
  ...extra,
});

describe('rollback target', () => {
  const releases = [
    view('20250101T100000Z-aaaaaaa', { goodAt: '2025-01-01T10:01:00Z' }),
    view('20250102T100000Z-bbbbbbb', { goodAt: '2025-01-02T10:01:00Z' }),
    view('20250103T100000Z-ccccccc', { goodAt: '2025-01-03T10:01:00Z', bad: { at: null, reason: 'rolled back' } }),
    view('20250104T100000Z-ddddddd'),
    view('20250105T100000Z-eeeeeee', { goodAt: '2025-01-05T10:01:00Z' }),
  ];

  it('defaults to the newest earlier release that passed its gate and is not BAD_RELEASE', () => {
    const choice = chooseRollbackTarget(releases, '20250105T100000Z-eeeeeee');
    expect(choice.target?.id).toBe('20250102T100000Z-bbbbbbb');
    expect(choice.alternatives.map((r) => r.id.slice(-7))).toEqual(['ddddddd', 'ccccccc', 'bbbbbbb', 'aaaaaaa']);
  });

  it('skips releases missing on some host', () => {
    const partial = releases.map((r) => (r.id.endsWith('bbbbbbb') ? { ...r, everywhere: false } : r));
    expect(chooseRollbackTarget(partial, '20250105T100000Z-eeeeeee').target?.id).toBe('20250101T100000Z-aaaaaaa');
  });

  it('falls back to an unproven earlier release (made outside the app) only when no proven one exists', () => {
    const external = [view('20250101T000000Z-x'), view('20250102T000000Z-y')];
    expect(chooseRollbackTarget(external, '20250102T000000Z-y').target?.id).toBe('20250101T000000Z-x');
  });

  it('takes the release asked for, and explains when it cannot', () => {
    expect(chooseRollbackTarget(releases, '20250105T100000Z-eeeeeee', '20250101T100000Z-aaaaaaa').target?.id).toBe(
      '20250101T100000Z-aaaaaaa',
    );
    expect(chooseRollbackTarget(releases, '20250105T100000Z-eeeeeee', 'nope').problem).toMatch(/does not exist/);
    expect(chooseRollbackTarget(releases, '20250105T100000Z-eeeeeee', '20250105T100000Z-eeeeeee').problem).toMatch(
      /already the current/,
    );
    expect(chooseRollbackTarget([view('only')], 'only').problem).toMatch(/no earlier release/);
  });
});

describe('release labels', () => {
  it('reads "3 days ago · 8b71ff7 · healthy for 3 days, until 15 min ago": its age first, then when it was replaced', () => {
    const now = new Date('2025-01-05T12:00:00Z');
    const all = [
      view('20250102T114000Z-8b71ff7', { goodAt: '2025-01-02T11:45:00Z' }),
      view('20250104T000000Z-broken', { goodAt: null, bad: { at: null, reason: 'gate failed' } }),
      view('20250105T114000Z-c0ffee1', { goodAt: '2025-01-05T11:45:00Z' }),
    ];
    expect(releaseLabel(must(all[0]), all, now)).toBe('3 days ago · 8b71ff7 · healthy for 3 days, until 15 min ago');
    expect(releaseLabel(must(all[2]), all, now)).toBe('live now · c0ffee1 · healthy for 15 min');
    expect(releaseLabel(must(all[1]), all, now)).toBe('36 h ago · broken · BAD: gate failed');
  });

  it('says "12 min ago" for a release made 12 minutes ago and replaced a moment ago, not "just now"', () => {
    const now = new Date('2025-01-05T12:00:00Z');
    const all = [
      view('20250105T114800Z-v1.4.0', { goodAt: '2025-01-05T11:49:00Z' }),
      view('20250105T115930Z-v1.5.0', { goodAt: '2025-01-05T11:59:40Z' }),
    ];
    expect(releaseLabel(must(all[0]), all, now)).toBe('12 min ago · v1.4.0 · healthy for 10 min, until just now');
    // A hand-made release has no time in its name: its directory's time is its age, and ordering is by time.
    const handMade = [
      view('v1.4.0', { createdAt: '2025-01-05T11:48:00Z', goodAt: '2025-01-05T11:49:00Z' }),
      view('20250105T115930Z-v1.5.0', { goodAt: '2025-01-05T11:59:40Z' }),
    ];
    expect(releaseLabel(must(handMade[0]), handMade, now)).toMatch(/^12 min ago · v1.4.0 · healthy for 10 min/);
    expect(chooseRollbackTarget(handMade, '20250105T115930Z-v1.5.0').target?.id).toBe('v1.4.0');
  });

  it('names the hosts that lack a release asked for', () => {
    const partial = [
      view('20250101T000000Z-a'),
      view('20250102T000000Z-b', { everywhere: false, missingOn: ['web2'] }),
    ];
    expect(chooseRollbackTarget(partial, '20250101T000000Z-a', '20250102T000000Z-b').problem).toBe(
      'release 20250102T000000Z-b is missing on web2',
    );
  });

  it('says when health is unknown or the time is', () => {
    expect(releaseLabel(view('handmade'), [], new Date())).toBe('time unknown · handmade · health unknown');
  });

  it('rounds spans the way people say them', () => {
    expect(ago(30_000)).toBe('just now');
    expect(span(45_000)).toBe('45 s');
    expect(span(15 * 60_000)).toBe('15 min');
    expect(span(5 * 3_600_000)).toBe('5 h');
    expect(span(30 * 3_600_000)).toBe('30 h');
    expect(span(3 * 86_400_000)).toBe('3 days');
    expect(span(49 * 3_600_000)).toBe('2 days');
  });
});
