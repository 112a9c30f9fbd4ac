/**
 * What the Readiness screen and the Overview's chip show of a scorecard, as pure functions so they are unit-tested:
 * each status's mark (a shape and a word, never colour alone), the checklist worst first, where a fix leads, the
 * score's tone against the team's bar, and the trend chart's geometry.
 */
import { type ReadinessItem, type ReadinessStatus, type Scorecard } from '../../../shared/model/readiness';
import { type Tone } from '../../components/StatusPill';

export { scoreTone } from './score-tone';

export interface StatusMark {
  symbol: string;
  /** Read out and shown in the tooltip: the mark alone is not the only cue. */
  word: string;
  tone: Extract<Tone, 'ok' | 'warn' | 'bad'>;
}

export const statusMarks: Record<ReadinessStatus, StatusMark> = {
  red: { symbol: '✕', word: 'Not ready', tone: 'bad' },
  amber: { symbol: '!', word: 'Partly ready', tone: 'warn' },
  green: { symbol: '✓', word: 'Ready', tone: 'ok' },
};

export interface Checklist {
  /** Red then amber, each in the scorecard's own order. */
  toFix: ReadinessItem[];
  ready: ReadinessItem[];
}

export function checklist(items: readonly ReadinessItem[]): Checklist {
  return {
    toFix: [...items.filter((i) => i.status === 'red'), ...items.filter((i) => i.status === 'amber')],
    ready: items.filter((i) => i.status === 'green'),
  };
}

/** "2 not ready · 1 partly · 9 ready" for the checklist's header. */
export function checklistSummary(items: readonly ReadinessItem[]): string {
  const count = (status: ReadinessStatus) => items.filter((i) => i.status === status).length;
  const parts = [
    count('red') > 0 ? `${count('red')} not ready` : null,
    count('amber') > 0 ? `${count('amber')} partly` : null,
    `${count('green')} ready`,
  ];
  return parts.filter((p) => p !== null).join(' · ');
}

export function readyCountText(count: number): string {
  return count === 1 ? '1 item ready' : `${count} items ready`;
}

/**
 * The screen to fix it on, opened at what the item names where that screen has an address for it: Health focuses a
 * service's check (`?service=`), Runbooks opens one runbook (`?id=`), Incidents one incident (`/<id>`). Elsewhere
 * the id has no address of its own (a Drills address names a run, not a service), and the fix's label names it.
 */
export function fixHref(fix: NonNullable<ReadinessItem['fix']>): string {
  const id = fix.id;
  if (id === null || id === '') return `#/${fix.route}`;
  switch (fix.route) {
    case 'health':
      return `#/health?${new URLSearchParams({ service: id }).toString()}`;
    case 'runbooks':
      return `#/runbooks?${new URLSearchParams({ id }).toString()}`;
    case 'incidents':
      return `#/incidents/${encodeURIComponent(id)}`;
    default:
      return `#/${fix.route}`;
  }
}

/** "8 points below your bar" / "at your bar" / "5 points above your bar". */
export function barText(score: number, threshold: number): string {
  const gap = score - threshold;
  if (gap === 0) return 'At your bar';
  const points = Math.abs(gap) === 1 ? '1 point' : `${Math.abs(gap)} points`;
  return gap > 0 ? `${points} above your bar` : `${points} below your bar`;
}

/** What follows the large score: "of 100 · your bar is 70". */
export function outOfText(threshold: number): string {
  return `of 100 · your bar is ${threshold}`;
}

export interface TrendGeometry {
  /** SVG points of the line, left to right. */
  points: { x: number; y: number; day: string; score: number }[];
  /** The y of the team's bar. */
  barY: number;
}

/** Places the days evenly across `width` and 0–100 from the bottom of `height` to its top (inside `pad`). */
export function trendGeometry(
  trend: Scorecard['trend'],
  threshold: number,
  size: { width: number; height: number; pad: number },
): TrendGeometry {
  const { width, height, pad } = size;
  const y = (score: number) => pad + ((100 - Math.min(100, Math.max(0, score))) / 100) * (height - 2 * pad);
  const step = trend.length > 1 ? (width - 2 * pad) / (trend.length - 1) : 0;
  return {
    points: trend.map((p, i) => ({
      x: trend.length > 1 ? pad + i * step : width / 2,
      y: y(p.score),
      day: p.day,
      score: p.score,
    })),
    barY: y(threshold),
  };
}

/** "2 Dec" for a `2026-12-02` day (read as a calendar day, never shifted by the time zone). */
export function dayLabel(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return day;
  return new Date(Date.UTC(year, month - 1, date)).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

/** What the chart shows, in words, for a screen reader and the tooltip. */
export function trendSummary(trend: Scorecard['trend'], threshold: number): string {
  const first = trend[0];
  const last = trend[trend.length - 1];
  if (!first || !last) return 'No score recorded yet.';
  if (trend.length === 1) return `Score ${last.score} on ${dayLabel(last.day)}; your bar is ${threshold}.`;
  const lowest = Math.min(...trend.map((p) => p.score));
  const highest = Math.max(...trend.map((p) => p.score));
  return (
    `Score per day over ${trend.length} days: ${first.score} on ${dayLabel(first.day)}, ` +
    `${last.score} on ${dayLabel(last.day)} (lowest ${lowest}, highest ${highest}); your bar is ${threshold}.`
  );
}

/** Evidence marks workspace words with backticks (`cost:`); they show as code, the rest as text. */
export function evidenceParts(evidence: string): { text: string; code: boolean }[] {
  return evidence
    .split('`')
    .map((text, i) => ({ text, code: i % 2 === 1 }))
    .filter((part) => part.text !== '');
}
