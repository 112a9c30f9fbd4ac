/**
 * The Overview's open-incident card: a real incident is an "Open incident" with its clock and "I'm on it"; a
 * drill's is labelled "Practice (drill)" and drawn calmer; a real one wins over a practice one; none, no card.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { type IncidentSummary } from '../../../shared/model/incidents';

vi.mock('../../bridge', () => ({
  api: { on: () => () => undefined },
  connection: { get: () => 'open', subscribe: () => () => undefined },
  errorCode: () => null,
  errorMessage: (error: unknown) => String(error),
}));

const { OpenIncidentNotice } = await import('./OpenIncidentCard');

function summary(over: Partial<IncidentSummary>): IncidentSummary {
  return {
    id: 'inc-1',
    service: 'checkout',
    environment: 'production',
    status: 'open',
    title: 'checkout down in production',
    cause: '503 from /health/ready',
    drillId: null,
    startedAt: new Date(Date.now() - 3 * 60_000 - 5_000).toISOString(),
    openedAt: new Date(Date.now() - 3 * 60_000).toISOString(),
    acknowledgedAt: null,
    resolvedAt: null,
    figures: { detectMs: 5_000, acknowledgeMs: null, recoverMs: null },
    ...over,
  };
}

function withIncidents(incidents: IncidentSummary[]): string {
  return renderToStaticMarkup(<OpenIncidentNotice incidents={incidents} />);
}

describe('the open-incident card', () => {
  it('shows a real open incident with its clock, "I\'m on it" and the way to its page', () => {
    const html = withIncidents([summary({})]);
    expect(html).toContain('aria-label="Open incident"');
    expect(html).toContain('checkout down in production');
    expect(html).toMatch(/role="timer"[^>]*>open 3 min 0\d s</);
    expect(html).toContain('503 from /health/ready');
    expect(html).toContain('I’m on it');
    expect(html).toContain('href="#/incidents/inc-1"');
  });

  it('labels a drill’s incident as practice and draws it calmer', () => {
    const html = withIncidents([
      summary({ id: 'p', drillId: 'drill-1', environment: 'staging', title: 'checkout down in staging' }),
    ]);
    expect(html).toContain('class="open-incident is-practice"');
    expect(html).toContain('Practice (drill)');
    expect(html).toContain('<button type="button" class="btn">I’m on it</button>');
    expect(html).not.toContain('aria-label="Open incident"');
  });

  it('puts a real incident before a practice one and says how many more are open', () => {
    const html = withIncidents([
      summary({ id: 'p', drillId: 'drill-1', title: 'checkout down in staging' }),
      summary({ id: 'r', title: 'auth down in production' }),
    ]);
    expect(html).toContain('auth down in production');
    expect(html).toContain('And 1 more open.');
  });

  it('is not there when nothing is open', () => {
    expect(withIncidents([summary({ status: 'resolved', resolvedAt: new Date().toISOString() })])).toBe('');
    expect(withIncidents([])).toBe('');
  });
});
