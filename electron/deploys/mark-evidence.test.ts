import { describe, expect, it } from 'vitest';
import { releaseBadges } from './choices';
import { markEvidence } from './mark-evidence';

const target = { service: 'checkout', environment: 'production' };
const leaving = {
  id: '20250301T090000Z-v1.5.0',
  createdAt: null,
  goodAt: '2025-03-01T09:01:00Z',
  bad: null,
  everywhere: true,
};

describe('the evidence before a rollback marks the release it leaves', () => {
  it('suggests marking when the service started failing after the release went live', async () => {
    const e = await markEvidence(
      async () => ({ kind: 'failing-after', failingSince: '2025-03-01T09:03:00Z', detail: 'http: 503' }),
      target,
      leaving,
    );
    expect(e.line).toBe('checkout started failing 3 min after v1.5.0 went live (http: 503)');
    expect(e.markBadDefault).toBe(true);
  });

  it('suggests not marking when nothing failed after it, when it was failing before, or when nothing is known', async () => {
    const none = await markEvidence(
      async () => ({ kind: 'no-failure', failingSince: null, detail: '' }),
      target,
      leaving,
    );
    expect(none.line).toBe('no check failed after v1.5.0 went live');
    const before = await markEvidence(
      async () => ({ kind: 'failing-before', failingSince: null, detail: 'db: down' }),
      target,
      leaving,
    );
    expect(before.line).toBe('checkout was already failing before v1.5.0 went live (db: down)');
    const broken = await markEvidence(
      async () => {
        throw new Error('health history is not available');
      },
      target,
      leaving,
    );
    expect([none, before, broken].map((e) => e.markBadDefault)).toEqual([false, false, false]);
  });
});

describe('release badges', () => {
  it('shows bad, failed gate, outside the app and not on every host', () => {
    expect(
      releaseBadges({ goodAt: null, bad: { at: null, reason: 'health gate failed on web1' }, everywhere: true }),
    ).toEqual(['bad', 'failed-gate']);
    expect(releaseBadges({ goodAt: null, bad: null, everywhere: false })).toEqual(['outside-app', 'not-everywhere']);
    expect(releaseBadges({ goodAt: '2025-01-01T00:00:00Z', bad: null, everywhere: true })).toEqual([]);
    // Gated, but no cockpit's audit line says it was deployed: someone put it there by hand.
    expect(releaseBadges({ goodAt: '2025-01-01T00:00:00Z', bad: null, everywhere: true, outsideApp: true })).toEqual([
      'outside-app',
    ]);
  });
});
