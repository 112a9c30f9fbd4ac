import { describe, expect, it } from 'vitest';
import {
  clockText,
  dueText,
  eventLink,
  formatClock,
  incidentHref,
  incidentIdFromHash,
  isOverdue,
  openIncidentToShow,
  sortIncidents,
  splitPractice,
} from './incident-format';

const T0 = Date.parse('2026-12-06T14:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

function incident(id: string, over: { status?: 'open' | 'resolved'; startedAt?: string; drillId?: string | null }) {
  return { id, status: over.status ?? 'resolved', startedAt: over.startedAt ?? at(0), drillId: over.drillId ?? null };
}

describe('the running clock', () => {
  it('reads in whole seconds, then minutes and seconds, then hours', () => {
    expect(formatClock(0)).toBe('0 s');
    expect(formatClock(42_900)).toBe('42 s');
    expect(formatClock(4 * 60_000 + 5_000)).toBe('4 min 05 s');
    expect(formatClock(2 * 3_600_000 + 4 * 60_000 + 9_000)).toBe('2 h 04 min 09 s');
    expect(formatClock(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 h');
  });

  it('runs from the first failing sample while open, and stops at recovery', () => {
    const open = { status: 'open' as const, startedAt: at(0), resolvedAt: null };
    expect(clockText(open, T0 + 3 * 60_000 + 7_000)).toBe('open 3 min 07 s');
    expect(clockText(open, T0 + 3 * 60_000 + 8_000)).toBe('open 3 min 08 s');
    const resolved = { status: 'resolved' as const, startedAt: at(0), resolvedAt: at(12 * 60_000 + 30_000) };
    expect(clockText(resolved, T0 + 86_400_000)).toBe('lasted 12 min 30 s');
  });

  it('never runs backwards when this machine’s clock is a little behind', () => {
    expect(clockText({ status: 'open', startedAt: at(5_000), resolvedAt: null }, T0)).toBe('open 0 s');
  });
});

describe('the list order', () => {
  it('puts open incidents first (the longest open on top), then resolved ones newest first', () => {
    const list = [
      incident('old', { startedAt: at(0) }),
      incident('open-late', { status: 'open', startedAt: at(50) }),
      incident('new', { startedAt: at(100) }),
      incident('open-early', { status: 'open', startedAt: at(10) }),
    ];
    expect(sortIncidents(list).map((i) => i.id)).toEqual(['open-early', 'open-late', 'new', 'old']);
  });

  it('keeps drill incidents apart from the real ones', () => {
    const list = [incident('real', {}), incident('drill', { drillId: 'd1', status: 'open' })];
    const { real, practice } = splitPractice(list);
    expect(real.map((i) => i.id)).toEqual(['real']);
    expect(practice.map((i) => i.id)).toEqual(['drill']);
  });

  it('shows a real open incident on the Overview before a practice one, and counts the others', () => {
    const drill = incident('drill', { drillId: 'd1', status: 'open', startedAt: at(0) });
    const real = incident('real', { status: 'open', startedAt: at(60_000) });
    const done = incident('done', {});
    expect(openIncidentToShow([drill, real, done])).toEqual({ shown: real, others: 1 });
    expect(openIncidentToShow([drill])?.shown.id).toBe('drill');
    expect(openIncidentToShow([done])).toBeNull();
  });
});

describe('action items', () => {
  const noon = new Date(2026, 11, 6, 12).getTime();

  it('are overdue once their due day has passed, unless done', () => {
    expect(isOverdue({ due: '2026-12-05', done: false }, noon)).toBe(true);
    expect(isOverdue({ due: '2026-12-06', done: false }, noon)).toBe(false);
    expect(isOverdue({ due: '2026-12-05', done: true }, noon)).toBe(false);
    expect(isOverdue({ due: null, done: false }, noon)).toBe(false);
  });

  it('say their due date in words', () => {
    expect(dueText({ due: null, done: false }, noon)).toBe('no due date');
    expect(dueText({ due: '2026-12-01', done: false }, noon)).toMatch(/^overdue since .*2026/);
    expect(dueText({ due: '2027-01-15', done: false }, noon)).toMatch(/^due .*2027/);
  });
});

describe('links', () => {
  it('round-trips an incident id through its address', () => {
    expect(incidentIdFromHash(incidentHref('inc 1/2'))).toBe('inc 1/2');
    expect(incidentIdFromHash('#/incidents/abc?x=1')).toBe('abc');
    expect(incidentIdFromHash('#/incidents')).toBeNull();
    expect(incidentIdFromHash('#/drills/abc')).toBeNull();
  });

  it('leads a drill to its page and a run or action to Activity; an alert nowhere', () => {
    expect(eventLink({ ref: { kind: 'drill', id: 'd-1' } })).toEqual({
      kind: 'href',
      href: '#/drills/rollback/d-1',
      label: 'Open the drill',
    });
    expect(eventLink({ ref: { kind: 'run', id: 'r-1' } })).toMatchObject({ kind: 'activity', id: 'r-1' });
    expect(eventLink({ ref: { kind: 'action', id: 'a-1' } })).toMatchObject({ kind: 'activity', id: 'a-1' });
    expect(eventLink({ ref: { kind: 'alert', id: 'x' } })).toBeNull();
    expect(eventLink({ ref: null })).toBeNull();
  });
});
