import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, MIN, T0, useClockJournal } from '../timeline/testing/clock-journal';
import { deploysTimeline } from './timeline';

const clock = useClockJournal(afterEach);
const range = { from: T0, to: T0 + 2 * HOUR };

function run(kind: 'deploy.run' | 'deploy.rollback', data: Record<string, unknown>) {
  return clock.journal().begin({
    kind,
    title: kind === 'deploy.run' ? 'Deploy checkout to production' : 'Roll back checkout in production',
    target: 'checkout@production',
    actor: 'ana',
    data: { service: 'checkout', environment: 'production', hosts: ['demo-prod-1'], ...data },
  });
}

const outcome = (result: string, releaseId: string) => ({
  outcome: { runId: 'x', kind: 'deploy', result, releaseId, summary: '', hosts: [] },
});

describe('deploys on the timeline', () => {
  it('shows each deploy and rollback from start to end, with its release and an honest tone', async () => {
    clock.at(T0 + 10 * MIN);
    const deploy = run('deploy.run', { ref: 'v1.6.0', releaseId: null });
    clock.at(T0 + 12 * MIN);
    deploy.fail('the health gate failed: ready 503', outcome('rolled-back', '20261206T201000Z-v1.6.0'));
    clock.at(T0 + 20 * MIN);
    const rollback = run('deploy.rollback', { to: '20261201T000000Z-v1.4.0', practice: 'drill-1' });
    clock.at(T0 + 21 * MIN);
    rollback.succeed('healthy', outcome('healthy', '20261201T000000Z-v1.4.0'));

    const entries = await deploysTimeline(clock.journal().db)(range);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      kind: 'deploy',
      at: new Date(T0 + 10 * MIN).toISOString(),
      endAt: new Date(T0 + 12 * MIN).toISOString(),
      service: 'checkout',
      environment: 'production',
      title: 'Deploy v1.6.0 to checkout in production — rolled back automatically',
      tone: 'warn',
      practice: false,
      link: { route: 'deploys', id: deploy.id },
    });
    expect(entries[0]?.detail).toContain('the health gate failed');
    expect(entries[1]).toMatchObject({
      kind: 'rollback',
      title: 'Practice: Roll back checkout in production to v1.4.0 — healthy',
      tone: 'ok',
      practice: true,
    });
  });

  it('includes a run still going when the range starts, and leaves out lock refusals and runs outside the range', async () => {
    clock.at(T0 - 5 * MIN);
    run('deploy.run', { ref: 'v1.5.0' });
    clock.at(T0 - 30 * MIN);
    run('deploy.run', { ref: 'v1.3.0' }).succeed('healthy', outcome('healthy', 'v1.3.0'));
    clock.at(T0 + 1 * MIN);
    run('deploy.run', { ref: 'v1.7.0' }).fail('locked by bo', { locks: [{ host: 'demo-prod-1' }] });
    clock.at(T0 + 3 * HOUR);
    run('deploy.run', { ref: 'v1.8.0' });

    const entries = await deploysTimeline(clock.journal().db)(range);
    expect(entries.map((e) => [e.title, e.endAt, e.tone])).toEqual([
      ['Deploy v1.5.0 to checkout in production — running', null, 'info'],
    ]);
  });
});
