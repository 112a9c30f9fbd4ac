/**
 * Activity tells each action in words: an alert reads "down" in red (not a green "succeeded"), its facts are
 * labelled rows, and a failed delivery still says it was not sent.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { type JournalAction, type JournalEntry } from '../../../shared/model/journal';

vi.mock('../../bridge', () => ({
  api: { on: () => () => undefined },
  connection: { get: () => 'open', subscribe: () => () => undefined },
  errorCode: () => null,
  errorMessage: (error: unknown) => String(error),
}));

// The live relative clock needs a browser; the absolute time beside it is what this test reads.
vi.mock('../../components/RelativeTime', () => ({ RelativeTime: ({ iso }: { iso: string }) => <time>{iso}</time> }));

const { ActionFacts } = await import('./ActionDetailPane');
const { ActionResultPill, resultWords } = await import('./ActionResultPill');

const startedAt = '2025-03-12T10:00:00.000Z';

function alertAction(over: Partial<JournalAction> = {}): JournalAction {
  return {
    id: 'act-1',
    kind: 'health.alert',
    title: 'checkout is down in production',
    target: 'checkout@production',
    actor: 'cockpit',
    status: 'succeeded',
    startedAt,
    endedAt: '2025-03-12T10:00:00.120Z',
    durationMs: 120,
    summary: '503 from /health/ready. Told: desktop.',
    outcome: { word: 'down', tone: 'bad' },
    ...over,
  };
}

const entries: JournalEntry[] = [
  {
    seq: 1,
    actionId: 'act-1',
    at: startedAt,
    phase: 'intent',
    message: 'checkout is down in production',
    data: { alert: { service: 'checkout', environment: 'production', reason: '503 from /health/ready' } },
  },
  {
    seq: 2,
    actionId: 'act-1',
    at: startedAt,
    phase: 'result',
    message: 'Told: desktop.',
    data: { outcome: { word: 'down', tone: 'bad' } },
  },
];

describe('an action in Activity', () => {
  it('shows an alert’s own status, not a green "succeeded"', () => {
    const html = renderToStaticMarkup(<ActionResultPill action={alertAction()} />);
    expect(html).toContain('pill-bad');
    expect(html).toContain('down');
    expect(html).not.toContain('succeeded');
    expect(resultWords(alertAction())).toBe('down');
  });

  it('still says an alert that could not be delivered was not sent', () => {
    const unsent = alertAction({ status: 'failed', outcome: { word: 'recovered', tone: 'ok' } });
    const html = renderToStaticMarkup(<ActionResultPill action={unsent} />);
    expect(html).toContain('recovered');
    expect(html).toMatch(/pill-bad[^>]*>.*not sent/);
    expect(resultWords(unsent)).toBe('recovered, not sent');
  });

  it('keeps the status of an action whose writer stated no outcome', () => {
    const html = renderToStaticMarkup(
      <ActionResultPill action={{ kind: 'deploy.run', status: 'failed', outcome: undefined }} />,
    );
    expect(html).toContain('pill-bad');
    expect(html).toContain('failed');
  });

  it('tells the action in labelled words rather than JSON', () => {
    const html = renderToStaticMarkup(<ActionFacts action={alertAction()} entries={entries} />);
    for (const label of [
      'Result',
      'In words',
      'What',
      'Target',
      'Who',
      'When',
      'How long',
      'Service',
      'Reason',
      'Told',
    ]) {
      expect(html).toContain(`<dt>${label}</dt>`);
    }
    expect(html).toContain('<dd>503 from /health/ready</dd>');
    expect(html).toContain('<dd>desktop</dd>');
    expect(html).not.toContain('{');
  });
});
