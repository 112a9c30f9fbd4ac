import { describe, expect, it } from 'vitest';
import { releaseBadges } from './choices';
import { type HealthEvidenceRequest } from '../features/types';
import { type JournaledRun } from './live-windows';
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

describe('the evidence counts only the time the release was live', () => {
  const v150 = { ...leaving, id: '20260310T100000Z-v1.5.0', goodAt: null };
  const t = (hhmmss: string) => `2026-03-10T${hhmmss}.000Z`;
  const runs: JournaledRun[] = [
    {
      id: 'deploy-150',
      kind: 'deploy',
      releaseId: v150.id,
      result: 'healthy',
      startedAt: t('10:00:00'),
      endedAt: t('10:00:20'),
      switches: [{ at: t('10:00:05'), host: 'web1', release: v150.id }],
    },
    // v1.6.0 went live on web1, failed its gate and was rolled back to v1.5.0 automatically.
    {
      id: 'deploy-160',
      kind: 'deploy',
      releaseId: '20260310T100100Z-v1.6.0',
      result: 'rolled-back',
      startedAt: t('10:01:00'),
      endedAt: t('10:02:05'),
      switches: [
        { at: t('10:01:30'), host: 'web1', release: '20260310T100100Z-v1.6.0' },
        { at: t('10:02:00'), host: 'web1', release: v150.id },
      ],
    },
  ];
  const now = new Date(t('10:10:00'));

  it("asks about v1.5.0's own time only, and says what was left out", async () => {
    const asked: HealthEvidenceRequest[] = [];
    const e = await markEvidence(
      async (request) => {
        asked.push(request);
        return { kind: 'no-failure', failingSince: null, detail: '1 check watched' };
      },
      target,
      v150,
      runs,
      now,
    );
    expect(asked).toEqual([
      {
        ...target,
        since: new Date(t('10:00:05')),
        excluding: [{ from: new Date(t('10:01:30')), to: new Date(t('10:02:00')) }],
      },
    ]);
    expect(e.line).toBe('no check failed after v1.5.0 went live (not counted: v1.6.0 was live 10:01–10:02 UTC)');
    expect(e.markBadDefault).toBe(false);
  });

  it('shows seconds when the other release was live for less than a minute', async () => {
    const quick = runs.map((r) =>
      r.id === 'deploy-160'
        ? { ...r, switches: r.switches.map((s, i) => ({ ...s, at: t(i === 0 ? '10:01:05' : '10:01:40') })) }
        : r,
    );
    const e = await markEvidence(
      async () => ({ kind: 'no-failure', failingSince: null, detail: '' }),
      target,
      v150,
      quick,
      now,
    );
    expect(e.line).toBe('no check failed after v1.5.0 went live (not counted: v1.6.0 was live 10:01:05–10:01:40 UTC)');
  });

  it('measures a later failure from when v1.5.0 became current again', async () => {
    const e = await markEvidence(
      async () => ({ kind: 'failing-after', failingSince: t('10:02:12'), detail: 'http: 503' }),
      target,
      v150,
      runs,
      now,
    );
    expect(e.line).toBe('checkout started failing 12 s after v1.5.0 became current again at 10:02 UTC (http: 503)');
    expect(e.markBadDefault).toBe(true);
  });

  it('does not suggest marking it for a failure v1.6.0 started that was still on after the rollback', async () => {
    const e = await markEvidence(
      async () => ({
        kind: 'failing-before',
        failingSince: null,
        detail: 'http: 503',
        carriedOver: { from: t('10:01:30'), to: t('10:02:00') },
      }),
      target,
      v150,
      runs,
      now,
    );
    expect(e.line).toBe(
      'checkout was failing when v1.5.0 became current again at 10:02 UTC: it started while v1.6.0 was live 10:01–10:02 UTC (http: 503)',
    );
    expect(e.markBadDefault).toBe(false);
  });

  it('after a rollback to it by hand, counts only from then', async () => {
    const back: JournaledRun = {
      id: 'rollback-to-150',
      kind: 'rollback',
      releaseId: v150.id,
      result: 'healthy',
      startedAt: t('10:05:00'),
      endedAt: t('10:05:10'),
      switches: [{ at: t('10:05:02'), host: 'web1', release: v150.id }],
    };
    const e = await markEvidence(
      async () => ({ kind: 'no-failure', failingSince: null, detail: '' }),
      target,
      v150,
      [...runs, back],
      now,
    );
    expect(e.line).toBe('no check failed since v1.5.0 became current again at 10:05 UTC');
    expect(e.wentLiveAt).toBe(t('10:05:02'));
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
