import { afterEach, describe, expect, it } from 'vitest';
import { type DrillPlan } from '../../shared/model/drills';
import { HOUR, MIN, T0, useClockJournal } from '../timeline/testing/clock-journal';
import { newDrill } from './record';
import { openRollbackDrillStore } from './store';
import { drillsTimeline } from './timeline';

const clock = useClockJournal(afterEach);
const iso = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();

const plan: DrillPlan = {
  service: 'checkout',
  environment: 'staging',
  protected: false,
  method: 'release',
  breakRelease: 'v1.6.0',
  breakCommand: null,
  healCommand: null,
  hosts: ['demo-stg'],
  returnTo: [{ host: 'demo-stg', release: 'v1.5.0' }],
  watch: [],
  passes: 2,
  targets: { detectMs: 120_000, recoverMs: 600_000 },
  detectTimeoutMs: 300_000,
  notify: false,
  items: [],
  ready: true,
};

describe('rollback drills on the timeline', () => {
  it('shows each drill from start to end with its result, as practice', async () => {
    const db = clock.journal().db;
    const store = openRollbackDrillStore(db);
    const drill = (id: string, startMin: number) =>
      newDrill({ id, plan, actor: 'ana', auto: false, startedAt: new Date(T0 + startMin * MIN) });
    store.save({
      ...drill('d1', 10),
      status: 'missed-target',
      endedAt: iso(18),
      summary: 'Recovered in 7 min; detection took 3 min (target 2 min)',
    });
    store.save({ ...drill('d2', -600), status: 'passed', endedAt: iso(-590) });
    store.save(drill('d3', 50));

    const entries = await drillsTimeline(db)({ from: T0, to: T0 + HOUR });
    expect(entries.map((e) => [e.id, e.at, e.endAt, e.title, e.tone])).toEqual([
      ['drill:d1', iso(10), iso(18), 'Rollback drill of checkout in staging: recovered, a target missed', 'warn'],
      ['drill:d3', iso(50), null, 'Rollback drill of checkout in staging: running', 'info'],
    ]);
    expect(entries[0]).toMatchObject({
      kind: 'drill',
      practice: true,
      service: 'checkout',
      environment: 'staging',
      detail: 'Recovered in 7 min; detection took 3 min (target 2 min) · by ana',
      link: { route: 'drills', id: 'd1' },
    });
  });
});
