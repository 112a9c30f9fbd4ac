import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalActionsInRange } from './actions-in-range';
import { openJournal } from './journal';
import { useTempDir } from './test-support/temp-dir';

const tempDir = useTempDir();

function open(now?: () => Date) {
  return openJournal({ file: join(tempDir(), 'journal.db'), actor: 'alice', ...(now ? { now } : {}) });
}

/** An alert as electron/alerts/journal.ts writes it: the alert in the intent, the delivery as the result. */
function alertIntent(kind: string) {
  return {
    kind: 'health.alert',
    title: `checkout in production is ${kind}`,
    target: 'checkout@production',
    data: { alert: { kind, service: 'checkout', environment: 'production', reason: '503 from /health' } },
  };
}

describe('an action’s outcome in the journal', () => {
  it('hands back the outcome its result stated, in the list, in the detail and in the live event', () => {
    const heard: [string, unknown][] = [];
    const journal = openJournal({
      file: join(tempDir(), 'journal.db'),
      actor: 'alice',
      listeners: { onAction: (action) => heard.push([action.id, action.outcome]) },
    });
    const alert = journal.begin(alertIntent('down'));
    const ended = alert.succeed('Told: desktop.', { outcome: { word: 'down (after flapping)', tone: 'bad' } });
    const plain = journal.begin({ kind: 'deploy.run', title: 'Deploy' });
    plain.succeed('Deployed');

    const outcome = { word: 'down (after flapping)', tone: 'bad' };
    expect(ended.outcome).toEqual(outcome);
    const listed = journal.list({ limit: 10 }).actions;
    expect(listed.find((a) => a.id === alert.id)?.outcome).toEqual(outcome);
    expect(listed.find((a) => a.id === plain.id)).not.toHaveProperty('outcome');
    expect(journal.get(alert.id)?.action.outcome).toEqual(outcome);
    expect(heard.filter(([id]) => id === alert.id).at(-1)?.[1]).toEqual(outcome);
    // The list and the detail agree on the whole action, outcome included.
    for (const action of listed) expect(journal.get(action.id)?.action).toEqual(action);
    journal.close();
  });

  it('ignores a malformed outcome rather than failing the list', () => {
    const journal = open();
    const malformed = [
      { outcome: 'down' },
      { outcome: { word: '', tone: 'bad' } },
      { outcome: { word: 'down', tone: 'purple' } },
      { outcome: ['down', 'bad'] },
      { outcome: { word: 'x'.repeat(41), tone: 'bad' } },
    ];
    for (const data of malformed) journal.begin({ kind: 'cost.alert', title: 'Budget' }).succeed('Sent', data);

    const listed = journal.list({ limit: 10 }).actions;
    expect(listed).toHaveLength(malformed.length);
    for (const action of listed) {
      expect(action).not.toHaveProperty('outcome');
      expect(journal.get(action.id)?.action).not.toHaveProperty('outcome');
    }
    journal.close();
  });

  it('gives old alerts (written before outcomes were stated) the outcome of the alert they carried', () => {
    const journal = open();
    const expected = {
      down: { word: 'down', tone: 'bad' },
      degraded: { word: 'degraded', tone: 'warn' },
      recovered: { word: 'recovered', tone: 'ok' },
      flapping: { word: 'flapping', tone: 'warn' },
    };
    const ids = Object.keys(expected).map((kind) => {
      const action = journal.begin(alertIntent(kind));
      action.succeed('Told: desktop.');
      return [action.id, kind] as const;
    });
    // A delivery that failed keeps its outcome: the status still says it failed.
    const unsent = journal.begin(alertIntent('down'));
    unsent.fail('Not sent: Slack: 500');
    // A drill's practice alert was information, never an outage.
    const practice = journal.begin({
      ...alertIntent('down'),
      data: { alert: { kind: 'down', practice: { drillId: 'drill-1', delivered: false } } },
    });
    practice.succeed('Recorded, not sent: practice.');
    // Another kind of action carrying an `alert` is not mistaken for an alert.
    journal.begin({ kind: 'drill.run', title: 'Drill', data: { alert: { kind: 'down' } } }).succeed('Done');

    const listed = new Map(journal.list({ limit: 20 }).actions.map((a) => [a.id, a]));
    for (const [id, kind] of ids) {
      expect(listed.get(id)?.outcome).toEqual(expected[kind as keyof typeof expected]);
      expect(journal.get(id)?.action.outcome).toEqual(expected[kind as keyof typeof expected]);
    }
    const practiceOutcome = { word: 'practice: down', tone: 'info' };
    expect(listed.get(practice.id)?.outcome).toEqual(practiceOutcome);
    expect(journal.get(practice.id)?.action.outcome).toEqual(practiceOutcome);
    expect(listed.get(unsent.id)).toMatchObject({ status: 'failed', outcome: { word: 'down', tone: 'bad' } });
    expect([...listed.values()].find((a) => a.kind === 'drill.run')).not.toHaveProperty('outcome');
    journal.close();
  });

  it('carries the outcome on actions read by time range (the timeline’s sources)', () => {
    const journal = open(() => new Date('2025-03-01T10:00:00.000Z'));
    journal.begin(alertIntent('recovered')).succeed('Told: desktop.');
    const stated = journal.begin({ kind: 'health.alert', title: 'Flapping' });
    stated.succeed('Told: desktop.', { outcome: { word: 'flapping', tone: 'warn' } });
    const ranged = journalActionsInRange(journal.db, {
      kinds: ['health.alert'],
      from: Date.parse('2025-03-01T00:00:00.000Z'),
      to: Date.parse('2025-03-02T00:00:00.000Z'),
    });
    expect(ranged.map((a) => a.outcome?.word).sort()).toEqual(['flapping', 'recovered']);
    journal.close();
  });
});
