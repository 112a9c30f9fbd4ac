/**
 * Incidents on a manual clock, fed the way the backend feeds them (health statuses and alerts, journal actions on
 * a real event bus, a real journal): they open on "down", join while open, resolve on "up", count their figures
 * and write their post-mortem. Practice incidents stay out of the real figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Alert, type HealthStatus, type ServiceHealth } from '../../shared/model/health';
import { type JournalAction } from '../../shared/model/journal';
import { type DeployMarker } from '../../shared/model/markers';
import { CockpitError } from '../../shared/rpc';
import { type Capabilities, type FirstFailureRequest, defaultCapabilities } from '../features/types';
import { type TestFeatureContext, createTestFeatureContext } from '../features/testing/feature-context';
import { type IncidentsFeature, createIncidentsFeature } from './feature';

const T0 = Date.UTC(2026, 11, 6, 10, 0, 0);
const S = 1_000;
const MIN = 60 * S;
const DAY = 24 * 60 * MIN;

interface Harness {
  test: TestFeatureContext;
  feature: IncidentsFeature;
  advance(ms: number): void;
  at(): number;
  status(status: HealthStatus, reason?: string, service?: string): void;
  alert(kind: Alert['kind'], practice?: Alert['practice']): void;
  action(kind: string, title: string, target: string): { end(summary: string): void };
  practice: { drillId: string; notify: boolean } | null;
  firstFailureAsked: FirstFailureRequest[];
  firstFailure: number | null;
  markers: DeployMarker[];
}

let dir = '';
const opened: Harness[] = [];
afterEach(async () => {
  for (const h of opened.splice(0)) {
    await h.feature.close();
    await h.test.close();
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

function harness(start = T0, existingDir?: string): Harness {
  dir = existingDir ?? mkdtempSync(join(tmpdir(), 'cockpit-incidents-'));
  let now = start;
  const capabilities: Capabilities = defaultCapabilities();
  const test = createTestFeatureContext({
    dir,
    demoPath: join(dir, 'none.yaml'),
    background: true,
    now: () => new Date(now),
    capabilities,
  });
  const h: Omit<Harness, 'feature'> = {
    test,
    advance: (ms) => void (now += ms),
    at: () => now,
    status(status, reason = '503 from /health/ready', service = 'checkout') {
      const health: ServiceHealth = {
        service,
        environment: 'staging',
        status,
        reason: status === 'up' ? 'all 2 checks passing' : reason,
        since: now,
        flapping: false,
        checks: [],
      };
      test.context.events.emit('health.status', { at: now, worst: status, service: health });
    },
    alert(kind, practice) {
      const alert: Alert = {
        id: `alert-${now}`,
        at: now,
        service: 'checkout',
        environment: 'staging',
        kind,
        severity: kind === 'down' ? 'critical' : 'warning',
        status: kind === 'down' ? 'down' : 'degraded',
        title: `checkout (staging) is ${kind}`,
        body: '503 from /health/ready',
        reason: '503 from /health/ready',
        recentChange: null,
        delayed: false,
        ...(practice ? { practice } : {}),
      };
      test.context.events.emit('health.alert', alert);
    },
    action(kind, title, target) {
      const handle = test.journal.begin({ kind, title, target, actor: 'ana' });
      const started = test.journal.get(handle.id)?.action as JournalAction;
      test.context.events.emit('journal.action', started);
      return { end: (summary) => test.context.events.emit('journal.action', handle.succeed(summary)) };
    },
    practice: null,
    firstFailureAsked: [],
    firstFailure: null,
    markers: [],
  };
  capabilities.practice = () => h.practice;
  capabilities.firstFailure = (request) => {
    h.firstFailureAsked.push(request);
    return h.firstFailure;
  };
  capabilities.deployMarkers = (filter) => h.markers.filter((m) => Date.parse(m.at) >= filter.since.getTime());
  const full: Harness = Object.assign(h, { feature: createIncidentsFeature(test.context) });
  opened.push(full);
  return full;
}

const list = (h: Harness) => h.feature.handlers['incidents.list']({ limit: 100 });
const get = (h: Harness, id: string) => h.feature.handlers['incidents.get']({ id });

describe('incidents from health', () => {
  it('opens on "down" from the first failing sample, joins while open, resolves on "up"', async () => {
    const h = harness();
    h.markers = [
      {
        at: new Date(T0 - 20 * MIN).toISOString(),
        service: 'checkout',
        environment: 'staging',
        kind: 'deploy',
        release: 'v1.6.0',
        result: 'unknown',
        label: 'deploy v1.6.0 by ana',
        actor: 'ana',
      },
      {
        at: new Date(T0 - 3 * 60 * MIN).toISOString(),
        service: 'checkout',
        environment: 'staging',
        kind: 'deploy',
        release: 'v1.5.0',
        result: 'healthy',
        label: 'deploy v1.5.0 by ana',
      },
    ];
    h.test.journal
      .begin({ kind: 'workspace.reload', title: 'Reload workspace cockpit.yaml', target: '/srv/cockpit.yaml' })
      .succeed('Loaded Shop: 2 services');
    h.advance(10 * MIN);
    h.status('up');
    h.firstFailure = h.at() + 5 * S;
    h.advance(40 * S);
    h.status('down');

    const first = await list(h);
    expect(first.incidents).toHaveLength(1);
    const id = first.incidents[0]?.id as string;
    expect(h.firstFailureAsked[0]).toMatchObject({
      service: 'checkout',
      environment: 'staging',
      from: h.at() - 6 * 60 * MIN,
      to: h.at(),
    });
    const incident = await get(h, id);
    expect(incident).toMatchObject({
      status: 'open',
      title: 'checkout down in staging',
      cause: '503 from /health/ready',
      drillId: null,
      startedAt: new Date(T0 + 10 * MIN + 5 * S).toISOString(),
      openedAt: new Date(h.at()).toISOString(),
    });
    // The deploy 30 min before counts, the one 3 h before does not; the workspace change counts.
    expect(incident.timeline.map((e) => `${e.kind}: ${e.title}`)).toEqual([
      'change: Deploy of v1.6.0 by ana',
      'change: The workspace file changed',
      'failing: First failing sample',
      'down: checkout went down in staging',
    ]);

    // Down again while open: the same incident; degraded is a note, not the end.
    h.advance(MIN);
    h.status('down');
    h.status('degraded', 'slow: 1.6 s');
    h.status('down');
    h.status('down', 'db unreachable', 'auth'); // another service: its own incident
    expect((await list(h)).incidents.filter((i) => i.service === 'checkout')).toHaveLength(1);
    expect(h.feature.service.openIncident('checkout', 'staging')).toBe(id);
    expect((await get(h, id)).timeline.map((e) => e.kind).slice(-2)).toEqual(['note', 'down']);

    h.advance(2 * MIN);
    h.status('up');
    const resolved = await get(h, id);
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: new Date(h.at()).toISOString() });
    expect(resolved.timeline.at(-1)).toMatchObject({ kind: 'recovered', title: 'checkout is healthy again' });
    expect(resolved.figures.recoverMs).toBe(35 * S + 3 * MIN);
    expect(h.feature.service.openIncident('checkout', 'staging')).toBeNull();
    expect(h.test.eventsOf('incidents.changed').map((e) => e.reason)).toContain('resolved');

    // The next "down" is a new incident; without samples it starts when the status changed.
    h.firstFailure = null;
    h.advance(MIN);
    h.status('down');
    const next = (await list(h)).incidents.filter((i) => i.service === 'checkout');
    expect(next).toHaveLength(2);
    expect(next[0]).toMatchObject({ status: 'open', startedAt: new Date(h.at()).toISOString() });
  });

  it('counts detect, acknowledge and recover, with actions and the first acknowledgement only', async () => {
    const h = harness();
    h.status('up');
    h.firstFailure = h.at();
    h.advance(20 * S);
    h.status('down');
    const id = h.feature.service.openIncident('checkout', 'staging') as string;
    h.advance(5 * S);
    h.alert('down');
    h.advance(5 * S);
    h.alert('down'); // a second alert is on the timeline but does not move the time of alert
    h.advance(50 * S);
    const acked = await h.feature.handlers['incidents.acknowledge']({ id });
    expect(acked).toMatchObject({ acknowledgedAt: new Date(h.at()).toISOString() });
    h.advance(10 * S);
    const again = h.feature.acknowledge(id, 'cli:bo');
    expect(again.acknowledgedBy).toBe(acked.acknowledgedBy);
    expect(again.acknowledgedAt).toBe(acked.acknowledgedAt);
    expect(h.test.journal.list({ kind: 'incident.acknowledge', limit: 10 }).actions).toMatchObject([
      { target: 'checkout@staging', status: 'succeeded' },
    ]);

    const rollback = h.action('deploy.rollback', 'Roll back checkout@staging to v1.4.0', 'checkout@staging');
    h.action('deploy.run', 'Deploy auth v2 to staging', 'auth@staging'); // another service: not this incident
    h.advance(40 * S);
    rollback.end('every host runs v1.4.0');
    h.advance(20 * S);
    h.status('up');

    const incident = await get(h, id);
    expect(incident.figures).toEqual({ detectMs: 25 * S, acknowledgeMs: 55 * S, recoverMs: 150 * S });
    expect(incident.timeline.filter((e) => e.kind === 'action').map((e) => e.title)).toEqual([
      'Started: Roll back checkout@staging to v1.4.0 (ana)',
      'Roll back checkout@staging to v1.4.0 succeeded',
    ]);
    expect(incident.timeline.filter((e) => e.kind === 'alert')).toHaveLength(2);
  });

  it('keeps a practice incident apart from the real figures, and means over 30 and 90 days', async () => {
    const h = harness(T0 - 60 * DAY);
    // Real, 60 days ago: detect 1 min, recover 10 min.
    const incident = (detect: number, recover: number) => {
      h.status('up');
      h.firstFailure = h.at();
      h.status('down');
      h.advance(detect);
      h.alert('down');
      h.advance(recover - detect);
      h.status('up');
    };
    incident(MIN, 10 * MIN);
    h.advance(50 * DAY);
    // Real, 10 days ago: detect 3 min, recover 20 min.
    incident(3 * MIN, 20 * MIN);
    h.advance(5 * DAY);
    // A drill's, 5 days ago: detect 30 s, recover 2 min.
    h.practice = { drillId: 'drill-7', notify: false };
    h.status('up');
    h.firstFailure = h.at();
    h.status('down');
    h.advance(30 * S);
    h.alert('down', { drillId: 'drill-7', delivered: false });
    h.advance(90 * S);
    h.status('up');
    h.practice = null;
    h.advance(5 * DAY);

    const { stats, practiceStats, incidents } = await list(h);
    expect(stats.last30).toEqual({ windowDays: 30, incidents: 1, mttdMs: 3 * MIN, mttaMs: null, mttrMs: 20 * MIN });
    expect(stats.last90).toMatchObject({ incidents: 2, mttdMs: 2 * MIN, mttrMs: 15 * MIN });
    expect(practiceStats.last30).toMatchObject({ incidents: 1, mttdMs: 30 * S, mttrMs: 2 * MIN });
    const practice = incidents.find((i) => i.drillId === 'drill-7');
    expect(practice).toBeDefined();
    const drilled = await get(h, practice?.id as string);
    expect(drilled.timeline.map((e) => e.title)).toContain(
      'Alert recorded, not sent (practice): checkout (staging) is down',
    );
    expect(drilled.timeline.find((e) => e.ref?.kind === 'drill')?.ref).toEqual({ kind: 'drill', id: 'drill-7' });
  });

  it('stays open through a flapping "up" and closes once the service holds still', async () => {
    const h = harness();
    h.status('down');
    const id = h.feature.service.openIncident('checkout', 'staging') as string;
    h.advance(30 * S);
    h.test.context.events.emit('health.status', {
      at: h.at(),
      worst: 'up',
      service: {
        service: 'checkout',
        environment: 'staging',
        status: 'up',
        reason: 'all 2 checks passing',
        since: h.at(),
        flapping: true,
        checks: [],
      },
    });
    expect(await get(h, id)).toMatchObject({ status: 'open', resolvedAt: null });
    expect((await get(h, id)).timeline.at(-1)?.title).toBe('Flapping: up for a moment, not yet stable');
    h.advance(MIN);
    h.status('up');
    expect(await get(h, id)).toMatchObject({ status: 'resolved' });
  });

  it('keeps an incident open across a restart until the pair is next seen up', async () => {
    const h = harness();
    h.status('down');
    const id = h.feature.service.openIncident('checkout', 'staging') as string;
    await h.feature.close();
    opened.splice(opened.indexOf(h), 1);
    await h.test.close();

    const later = harness(T0 + 60 * MIN, dir);
    expect(later.feature.service.openIncident('checkout', 'staging')).toBe(id);
    later.status('down'); // seen down again after the restart: still the same one
    expect((await list(later)).incidents).toHaveLength(1);
    later.status('up');
    expect(await get(later, id)).toMatchObject({
      status: 'resolved',
      resolvedAt: new Date(T0 + 60 * MIN).toISOString(),
    });
  });
});

describe('the post-mortem', () => {
  it('drafts the impact window, what changed, what was done, the figures and the action items', async () => {
    const h = harness();
    h.markers = [
      {
        at: new Date(T0 - 12 * MIN).toISOString(),
        service: 'checkout',
        environment: 'staging',
        kind: 'deploy',
        release: 'v1.6.0',
        result: 'unknown',
        label: 'deploy v1.6.0 by ana',
        actor: 'ana',
      },
    ];
    h.status('up');
    h.firstFailure = h.at() - 30 * S;
    h.status('down');
    const id = h.feature.service.openIncident('checkout', 'staging') as string;

    const open = (await get(h, id)).postmortem.markdown;
    expect(open).toContain('# checkout down in staging');
    expect(open).toContain('- Started: 2026-12-06 09:59:30 UTC (first failing sample)');
    expect(open).toContain('- Recovered: still open');
    expect(open).toContain('- Duration: still open (30 s so far)');

    h.advance(30 * S);
    h.alert('down');
    h.advance(MIN);
    h.feature.acknowledge(id, 'ana');
    const rollback = h.action('deploy.rollback', 'Roll back checkout@staging to v1.4.0', 'checkout@staging');
    h.advance(MIN);
    rollback.end('every host runs v1.4.0');
    h.advance(30 * S);
    h.status('up');

    const saved = await h.feature.handlers['incidents.savePostmortem']({
      id,
      actionItems: [
        { text: 'Check readiness every 15 s, not every minute', owner: 'ana', due: '2026-12-20', done: false },
        { text: 'Gate deploys on checkout-ready', owner: null, due: null, done: true },
      ],
    });
    expect(saved.actionItems.map((i) => i.id)).toEqual([expect.stringMatching(/^ai-/), expect.stringMatching(/^ai-/)]);
    const { markdown, fileName } = await h.feature.handlers['incidents.postmortem']({ id });
    expect(fileName).toBe('incident-checkout-staging-2026-12-06.md');
    for (const text of [
      '- Recovered: 2026-12-06 10:03:00 UTC',
      '- Duration: 3 min 30 s',
      '## What changed before it',
      '09:48:00 UTC — Deploy of v1.6.0 by ana',
      '## What was done',
      'Acknowledged by ana: "I\'m on it"',
      'Roll back checkout@staging to v1.4.0 succeeded (every host runs v1.4.0)',
      '- Time to detect (first failing sample → alert): 1 min',
      '- Time to acknowledge (alert → "I\'m on it"): 1 min',
      '- Time to recover (first failing sample → healthy): 3 min 30 s',
      '- [ ] Check readiness every 15 s, not every minute — owner: ana, due 2026-12-20',
      '- [x] Gate deploys on checkout-ready',
    ]) {
      expect(markdown).toContain(text);
    }
    expect((await list(h)).openActionItems.map((i) => [i.text, i.incidentId])).toEqual([
      ['Check readiness every 15 s, not every minute', id],
    ]);

    // A person's own text wins; the items it does not list are appended; an item keeps its id when edited.
    const kept = saved.actionItems[0]?.id as string;
    const edited = await h.feature.handlers['incidents.savePostmortem']({
      id,
      markdown: '# Checkout outage\n\nWe deployed a broken release.',
      actionItems: [{ id: kept, text: 'Check readiness every 15 s, not every minute', owner: 'bo', done: true }],
    });
    expect(edited.actionItems).toMatchObject([{ id: kept, owner: 'bo', done: true }]);
    expect(edited.postmortem).toMatchObject({ markdown: '# Checkout outage\n\nWe deployed a broken release.' });
    const exported = (await h.feature.handlers['incidents.postmortem']({ id })).markdown;
    expect(exported).toBe(
      '# Checkout outage\n\nWe deployed a broken release.\n\n## Action items\n\n- [x] Check readiness every 15 s, not every minute — owner: bo\n',
    );
  });

  it('keeps to three action items', async () => {
    const h = harness();
    h.status('down');
    const id = h.feature.service.openIncident('checkout', 'staging') as string;
    const four = ['a', 'b', 'c', 'd'].map((text) => ({ text, done: false }));
    expect(() => h.feature.service.savePostmortem(id, { actionItems: four }, 'ana')).toThrow(CockpitError);
    expect(() => h.feature.service.savePostmortem(id, { actionItems: four }, 'ana')).toThrow(/3 action items/);
    expect((await get(h, id)).actionItems).toEqual([]);
  });

  it('says plainly when an incident does not exist', async () => {
    const h = harness();
    await expect(get(h, 'inc-nope')).rejects.toThrow(/No incident "inc-nope"/);
  });
});
