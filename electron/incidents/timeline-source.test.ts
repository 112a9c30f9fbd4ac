import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, MIN, T0, useClockJournal } from '../timeline/testing/clock-journal';
import { migrateIncidents } from './schema';
import { IncidentStore, type StoredIncident } from './store';
import { incidentsTimeline } from './timeline-source';

const clock = useClockJournal(afterEach);
const iso = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();

function incident(id: string, startMin: number, resolvedMin: number | null, extra: Partial<StoredIncident> = {}) {
  return {
    id,
    service: 'checkout',
    environment: 'production',
    status: resolvedMin === null ? 'open' : 'resolved',
    title: 'checkout down in production',
    cause: 'ready: HTTP 503',
    drillId: null,
    startedAt: iso(startMin),
    openedAt: iso(startMin + 1),
    alertedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: resolvedMin === null ? null : iso(resolvedMin),
    timeline: [],
    postmortem: { saved: null, editedAt: null, editedBy: null },
    actionItems: [],
    ...extra,
  } satisfies StoredIncident;
}

describe('incidents on the timeline', () => {
  it('shows each incident from start to resolution, an open one without an end, practice ones marked', async () => {
    const db = clock.journal().db;
    migrateIncidents(db);
    const store = new IncidentStore(db);
    store.insert(incident('old', -300, -200));
    store.insert(incident('long', -3000, 10, { acknowledgedBy: 'ana' }));
    store.insert(incident('drill', 15, 25, { environment: 'staging', drillId: 'd1' }));
    store.insert(incident('now', 40, null, { service: 'auth' }));
    store.insert(incident('later', 90, null, { service: 'webhooks' }));

    const entries = await incidentsTimeline(db)({ from: T0, to: T0 + HOUR });
    expect(entries.map((e) => [e.id, e.at, e.endAt, e.tone, e.practice])).toEqual([
      ['incident:long', iso(-3000), iso(10), 'ok', false],
      ['incident:drill', iso(15), iso(25), 'ok', true],
      ['incident:now', iso(40), null, 'bad', false],
    ]);
    expect(entries[0]).toMatchObject({
      title: 'Incident: checkout down in production — resolved',
      detail: 'ready: HTTP 503 · acknowledged by ana',
      link: { route: 'incidents', id: 'long' },
    });
    expect(entries[1]?.title).toBe('Practice incident: checkout down in production — resolved');
    expect(entries[2]?.title).toBe('Incident: checkout down in production (open)');
  });
});
