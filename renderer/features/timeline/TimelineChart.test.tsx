/**
 * What the chart and the list put on the page: every mark a link named in words (or, without a link, a focusable
 * image), an incident shaded, and the list newest first under day headings.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { type TimelineEntry } from '../../../shared/model/timeline';
import { TimelinePlot } from './TimelineChart';
import { TimelineList } from './TimelineList';

/** Times in local time, so the day headings read the same in every time zone. */
const local = (hour: number, minute: number) => new Date(2026, 11, 6, hour, minute).toISOString();
const FROM = Date.parse(local(0, 0));
const TO = FROM + 24 * 3_600_000;

function entry(over: Partial<TimelineEntry>): TimelineEntry {
  return {
    id: 'deploy:1',
    kind: 'deploy',
    at: local(14, 2),
    endAt: local(14, 4),
    service: 'checkout',
    environment: 'production',
    title: 'Deploy v1.5.0 to checkout in production',
    detail: null,
    tone: 'ok',
    practice: false,
    link: { route: 'deploys', id: 'run-1' },
    ...over,
  };
}

const entries = [
  entry({}),
  entry({
    id: 'alert:1',
    kind: 'alert',
    at: local(14, 6),
    endAt: null,
    title: 'Alert: checkout down in production',
    tone: 'bad',
    link: null,
  }),
];

describe('the timeline chart', () => {
  const html = renderToStaticMarkup(
    <TimelinePlot
      width={900}
      entries={entries}
      from={FROM}
      to={TO}
      now={TO}
      kinds={null}
      highlight={{ from: FROM + 14 * 3_600_000, to: FROM + 15 * 3_600_000, label: 'checkout down' }}
      label="Timeline: last 24 hours"
    />,
  );

  it('draws one lane per kind, a link per mark named in words, and shades the incident', () => {
    expect(html).toContain('aria-label="Timeline: last 24 hours"');
    expect(html).toContain('aria-label="Deploys"');
    expect(html).toContain('aria-label="Alerts"');
    expect(html).toMatch(
      /<a href="#\/deploys" class="tl-mark tl-tone-ok" aria-label="Deploy v1.5.0 to checkout in production, \d\d:\d\d, succeeded"/,
    );
    expect(html).toMatch(
      /<g class="tl-mark tl-tone-bad" role="img" aria-label="Alert: checkout down in production, \d\d:\d\d" tabindex="0"/,
    );
    expect(html).toContain('class="tl-highlight"');
    expect(html).toContain('<title>checkout down</title>');
  });
});

describe('the entries list', () => {
  it('lists newest first under the day, with where and how it went', () => {
    const html = renderToStaticMarkup(<TimelineList entries={entries} now={TO - 1} />);
    expect(html).toContain('<h3 class="tl-day-title">Today</h3>');
    expect(html.indexOf('Alert: checkout down')).toBeLessThan(html.indexOf('Deploy v1.5.0'));
    expect(html).toContain('checkout in production · succeeded');
    expect(html).toContain('<a href="#/deploys" class="cell-strong">Deploy v1.5.0 to checkout in production</a>');
  });
});
