/**
 * The checklist as a user sees it: what is not ready first with its evidence and a fix link to the right screen,
 * the ready items folded under their count; and the Overview's chip with the score, its tone and its link.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { type ReadinessItem } from '../../../shared/model/readiness';

vi.mock('../../bridge', () => ({
  api: { on: () => () => undefined },
  connection: { get: () => 'open', subscribe: () => () => undefined },
  errorCode: () => null,
  errorMessage: (error: unknown) => String(error),
}));

const { ReadinessChecklist } = await import('./ReadinessChecklist');
const { ReadinessChip } = await import('./OverviewReadinessChip');

const items: ReadinessItem[] = [
  {
    id: 'critical-checks',
    title: 'Critical health checks cover every production service',
    status: 'green',
    evidence: 'checkout, auth, webhooks and worker each have one',
    fix: null,
  },
  {
    id: 'production-protected',
    title: 'Production is protected',
    status: 'red',
    evidence: 'production is not protected: a deploy there asks nothing',
    fix: { label: 'Protect production', route: 'settings', id: null },
  },
  {
    id: 'backups-fresh',
    title: 'Backups are fresh',
    status: 'amber',
    evidence: 'uploads is 31 h old, past its RPO of 26 h',
    fix: { label: 'Verify uploads', route: 'backups', id: 'uploads' },
  },
];

describe('the readiness checklist', () => {
  const html = renderToStaticMarkup(<ReadinessChecklist items={items} />);

  it('shows what is not ready first, with its evidence and the way to fix it', () => {
    expect(html.indexOf('Production is protected')).toBeLessThan(html.indexOf('Backups are fresh'));
    expect(html.indexOf('Backups are fresh')).toBeLessThan(html.indexOf('Critical health checks'));
    expect(html).toContain('production is not protected: a deploy there asks nothing');
    expect(html).toContain('<a class="btn btn-sm readiness-fix" href="#/settings">Protect production</a>');
    expect(html).toContain('href="#/backups">Verify uploads</a>');
  });

  it('labels each status with a word, not only a colour', () => {
    expect(html).toContain('aria-label="Production is protected: Not ready"');
    expect(html).toContain('aria-label="Backups are fresh: Partly ready"');
    expect(html).toMatch(/✕<\/span>Not ready/);
  });

  it('folds the ready items under their count', () => {
    expect(html).toMatch(/<details class="readiness-ready"><summary>1 item ready<\/summary>.*Critical health checks/);
    expect(html).toContain('1 not ready · 1 partly · 1 ready');
  });

  it('says so when everything is ready', () => {
    const all = renderToStaticMarkup(<ReadinessChecklist items={[items[0] as ReadinessItem]} />);
    expect(all).toContain('Every item is ready.');
  });
});

describe('the Overview’s readiness chip', () => {
  it('shows the score with its tone and links to the scorecard', () => {
    const html = renderToStaticMarkup(<ReadinessChip score={72} threshold={70} />);
    expect(html).toContain('href="#/readiness"');
    expect(html).toContain('class="readiness-chip is-ok"');
    expect(html).toContain('Readiness <strong>72</strong>');
    expect(html).toContain('title="72 of 100 · your bar is 70: open the scorecard"');
    expect(html).not.toContain('below');
  });

  it('says when the score is below the bar', () => {
    const html = renderToStaticMarkup(<ReadinessChip score={42} threshold={70} />);
    expect(html).toContain('class="readiness-chip is-bad"');
    expect(html).toContain('Readiness <strong>42</strong> · below 70');
  });
});
