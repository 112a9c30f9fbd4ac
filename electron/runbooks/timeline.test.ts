import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, MIN, T0, useClockJournal } from '../timeline/testing/clock-journal';
import { RUNBOOK_RUN_KIND } from './journal-runs';
import { runbooksTimeline } from './timeline';

const clock = useClockJournal(afterEach);

function start(environment: string) {
  return clock.journal().begin({
    kind: RUNBOOK_RUN_KIND,
    title: `Runbook: Restart the worker (worker, ${environment})`,
    target: `worker@${environment}`,
    actor: 'ana',
    data: { runbookId: 'restart-worker', runbookTitle: 'Restart the worker', service: 'worker', environment },
  });
}

describe('runbook runs on the timeline', () => {
  it('shows each run from start to end with its result', async () => {
    clock.at(T0 + 5 * MIN);
    const ok = start('production');
    clock.at(T0 + 6 * MIN);
    ok.succeed('worker-live passing again');
    clock.at(T0 + 10 * MIN);
    start('production').fail('step "restart" failed on demo-prod-2: exit 1');
    clock.at(T0 + 3 * HOUR);
    start('production');

    const entries = await runbooksTimeline(clock.journal().db)({ from: T0, to: T0 + HOUR });
    expect(entries.map((e) => [e.title, e.tone, e.endAt])).toEqual([
      ['Runbook "Restart the worker" in production: done', 'ok', new Date(T0 + 6 * MIN).toISOString()],
      ['Runbook "Restart the worker" in production: failed', 'bad', new Date(T0 + 10 * MIN).toISOString()],
    ]);
    expect(entries[0]).toMatchObject({
      kind: 'runbook',
      service: 'worker',
      environment: 'production',
      link: { route: 'runbooks', id: ok.id },
    });
    expect(entries[1]?.detail).toContain('exit 1');
  });
});
