/** Which time counts against a release being rolled away from: only the time it was actually live. */
import { describe, expect, it } from 'vitest';
import { createMemoryJournal } from './test-journal';
import { type JournaledRun, journaledRuns, liveWindow } from './live-windows';

const V150 = '20260310T100000Z-v1.5.0';
const V160 = '20260310T100100Z-v1.6.0';
const t = (hhmmss: string) => `2026-03-10T${hhmmss}.000Z`;
const NOW = new Date(t('10:10:00'));

const deployOf150: JournaledRun = {
  id: 'run-1',
  kind: 'deploy',
  releaseId: V150,
  result: 'healthy',
  startedAt: t('10:00:00'),
  endedAt: t('10:00:20'),
  switches: [
    { at: t('10:00:05'), host: 'web1', release: V150 },
    { at: t('10:00:06'), host: 'web2', release: V150 },
  ],
};
// v1.6.0 switched web1, failed its gate, and was rolled back to v1.5.0 automatically.
const failedDeployOf160: JournaledRun = {
  id: 'run-2',
  kind: 'deploy',
  releaseId: V160,
  result: 'rolled-back',
  startedAt: t('10:01:00'),
  endedAt: t('10:02:05'),
  switches: [
    { at: t('10:01:30'), host: 'web1', release: V160 },
    { at: t('10:02:00'), host: 'web1', release: V150 },
  ],
};

describe('the live window of a release', () => {
  it('starts at its own switch and leaves out the span a later release was live until its rollback', () => {
    const window = liveWindow(V150, new Date(t('10:00:00')), [deployOf150, failedDeployOf160], NOW);
    expect(window).toEqual({
      since: new Date(t('10:00:05')),
      cameBack: false,
      excluding: [{ from: new Date(t('10:01:30')), to: new Date(t('10:02:00')), release: V160 }],
    });
  });

  it('starts at the last rollback to it, and counts nothing before', () => {
    const rollbackTo150: JournaledRun = {
      id: 'run-3',
      kind: 'rollback',
      releaseId: V150,
      result: 'healthy',
      startedAt: t('10:05:00'),
      endedAt: t('10:05:10'),
      switches: [{ at: t('10:05:02'), host: 'web1', release: V150 }],
    };
    const window = liveWindow(V150, new Date(t('10:00:00')), [deployOf150, failedDeployOf160, rollbackTo150], NOW);
    expect(window).toEqual({ since: new Date(t('10:05:02')), cameBack: true, excluding: [] });
  });

  it('ends a span the journal never saw close when its run ended', () => {
    const lost: JournaledRun = {
      ...failedDeployOf160,
      result: 'unknown',
      switches: failedDeployOf160.switches.slice(0, 1),
    };
    expect(liveWindow(V150, new Date(t('10:00:00')), [deployOf150, lost], NOW).excluding).toEqual([
      { from: new Date(t('10:01:30')), to: new Date(t('10:02:05')), release: V160 },
    ]);
  });

  it('reads the switches from the hosts states each run journals', () => {
    let clock = new Date(t('10:01:00'));
    const journal = createMemoryJournal({ now: () => clock });
    const run = journal.begin({ kind: 'deploy.run', title: 'Deploy', target: 'checkout@production' });
    const state = (host: string, s: string, release: string | null) => ({
      step: 'host-state',
      hostState: { host, state: s, release, previous: V150, detail: null },
    });
    run.step('web1: not-switched', state('web1', 'not-switched', V150));
    clock = new Date(t('10:01:30'));
    run.step('web1: switched', { ...state('web1', 'switched', V160), releaseId: V160 });
    clock = new Date(t('10:02:00'));
    run.step('web1: rolled-back', state('web1', 'rolled-back', V150));
    run.fail('rolled back', { outcome: { result: 'rolled-back' } });
    journal.begin({ kind: 'deploy.run', title: 'Other service', target: 'billing@production' });

    expect(journaledRuns(journal, 'checkout', 'production')).toEqual([
      {
        id: run.id,
        kind: 'deploy',
        releaseId: V160,
        result: 'rolled-back',
        startedAt: t('10:01:00'),
        endedAt: t('10:02:00'),
        switches: [
          { at: t('10:01:30'), host: 'web1', release: V160 },
          { at: t('10:02:00'), host: 'web1', release: V150 },
        ],
      },
    ]);
  });
});
