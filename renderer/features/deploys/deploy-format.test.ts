/** What a person reads in the deploys UI: release names, durations, and the live log's lines per host. */
import { describe, expect, it } from 'vitest';
import { type RunEvent } from '../../../shared/model/deploys';
import { useStore } from '../../store';
import {
  duration,
  failureMessage,
  isPractice,
  logLines,
  practiceTitle,
  releaseName,
  runStatus,
  shortReleaseIds,
} from './deploy-format';

const run = 'r1';
const events: RunEvent[] = [
  {
    type: 'run.started',
    runId: run,
    kind: 'deploy',
    title: 'Deploy a',
    hosts: ['h1', 'h2'],
    at: '2026-01-01T00:00:00Z',
  },
  {
    type: 'step.started',
    runId: run,
    host: 'h1',
    step: 'restart',
    title: 'Restart',
    command: 'sh bin/restart',
    at: '',
  },
  { type: 'output', runId: run, host: 'h1', step: 'restart', stream: 'stdout', text: 'one\ntw' },
  { type: 'output', runId: run, host: 'h2', step: 'restart', stream: 'stdout', text: 'other host\n' },
  { type: 'output', runId: run, host: 'h1', step: 'restart', stream: 'stdout', text: 'o' },
  { type: 'output', runId: run, host: 'h1', step: 'restart', stream: 'stdout', text: '\nthree\n' },
  {
    type: 'step.ended',
    runId: run,
    host: 'h1',
    step: 'restart',
    title: 'Restart',
    command: null,
    ok: false,
    exitCode: 3,
    durationMs: 1200,
    error: 'exit 3',
  },
];

describe('deploy words', () => {
  it('names a release by its ref, and durations in a short human form', () => {
    expect(releaseName('20260101T120000Z-v1.5.0')).toBe('v1.5.0');
    expect(releaseName('hand-made')).toBe('hand-made');
    expect(releaseName(null)).toBe('—');
    expect(duration(1200)).toBe('1.2 s');
    expect(duration(65_000)).toBe('1 min 5 s');
  });

  it('shortens release ids inside a sentence to their names, keeping the full stop', () => {
    expect(shortReleaseIds('deploy 20260301T100000Z-v1.5.0')).toBe('deploy v1.5.0');
    expect(
      shortReleaseIds('Deploy of 20261204T225813Z-v1.5.1 cancelled; rolled back web-1 to 20261201T225809Z-v1.4.0.'),
    ).toBe('Deploy of v1.5.1 cancelled; rolled back web-1 to v1.4.0.');
    expect(shortReleaseIds('deploy hotfix-7')).toBe('deploy hotfix-7');
  });

  it("says a failed step's message once, without its step and host again", () => {
    const message = 'Restart on demo-prod-2: cancelled while running `sh bin/restart`';
    expect(failureMessage({ host: 'demo-prod-2', message })).toBe('cancelled while running `sh bin/restart`');
    expect(failureMessage({ host: null, message })).toBe(message);
  });

  it('joins output pieces into whole lines, per host, and shows a failed step with its exit code', () => {
    const all = logLines(events, null).map((l) => `${l.host}:${l.text}`);
    expect(all).toContain('h1:▸ Restart — sh bin/restart');
    expect(all).toContain('h2:other host');
    expect(all).toContain('h1:one');
    expect(all).toContain('h1:two');
    expect(all).toContain('h1:three');
    expect(all.at(-1)).toBe('h1:✗ Restart — exit 3: exit 3');
    const h1 = logLines(events, 'h1').map((l) => l.text);
    expect(h1).not.toContain('other host');
    expect(h1).toEqual(['▸ Restart — sh bin/restart', 'one', 'two', 'three', '✗ Restart — exit 3: exit 3']);
    expect(logLines(events, null, 2)).toHaveLength(2);
  });

  it("does not repeat a failed step's title and host in its error", () => {
    const ended = events.at(-1) as Extract<RunEvent, { type: 'step.ended' }>;
    const failed = { ...ended, exitCode: null, error: 'Restart on h1: locked by ana on ana-laptop' };
    expect(logLines([failed], null).map((l) => l.text)).toEqual(['✗ Restart: locked by ana on ana-laptop']);
  });

  it('says "locked" for a run that someone else\'s lock stopped, else its result', () => {
    const locked = { kind: 'locked' as const, locks: [{ host: 'h1', info: { who: 'ana' } }] };
    expect(runStatus({ status: 'failed', outcome: null, problem: locked })).toBe('locked');
    expect(runStatus({ status: 'failed', outcome: null, problem: null })).toBe('failed');
    expect(runStatus({ status: 'running', outcome: null, problem: null })).toBe('running');
  });

  it('keeps every run’s live log in the store, and its end state', () => {
    for (const e of events) useStore.getState().applyRunEvent(e);
    useStore.getState().applyRunEvent({
      type: 'run.ended',
      runId: run,
      status: 'failed',
      summary: 'Restart failed on h1; rolled back.',
      outcome: null,
      problem: null,
    });
    const log = useStore.getState().deployRunLogs[run];
    expect(log?.run?.status).toBe('failed');
    expect(log?.run?.summary).toMatch(/rolled back/);
    expect(log?.events).toHaveLength(events.length + 1);
    // A log read later (a window opened mid-run) never loses what already arrived live.
    useStore.getState().setRunLog(run, { run: null, events: events.slice(0, 2), truncated: false });
    expect(useStore.getState().deployRunLogs[run]?.events).toHaveLength(events.length + 1);
    expect(useStore.getState().deployRunLogs[run]?.run?.status).toBe('failed');
  });
});

describe('practice runs in the history', () => {
  it('tells a drill’s run apart, and says in its tooltip what that means', () => {
    expect(isPractice({ practice: 'drill-1' })).toBe(true);
    expect(isPractice({ practice: null })).toBe(false);
    expect(isPractice({})).toBe(false);
    expect(practiceTitle({ practice: 'drill-1', source: 'cockpit' })).toMatch(/^Made by a rollback drill: not counted/);
    expect(practiceTitle({ practice: 'run-9', source: 'audit' })).toMatch(/teammate's rollback drill/);
  });
});
