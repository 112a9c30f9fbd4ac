/**
 * The Activity chart's 14 days: today and the 13 before, as local calendar days (the list's dates are local too),
 * counted by the journal over the whole range (`journal.days`) rather than from a page of the list — a busy day
 * must not push the others off. Pure parts first (unit-tested), then the hook that loads and follows the journal.
 */
import { useEffect, useState } from 'react';
import { type JournalDay } from '../../../shared/api/journal';
import { api, connection, errorMessage } from '../../bridge';
import { coalesced } from '../../lib/coalesce';

export const CHART_DAYS = 14;

export interface DayRange {
  /** Each day's local midnight, oldest first. */
  starts: Date[];
  /** Tomorrow's local midnight: where today ends. */
  end: Date;
}

/** Steps by calendar day (not 24 h), so a daylight-saving change can neither skip nor repeat a day. */
export function dayRange(now: Date, days = CHART_DAYS): DayRange {
  const midnight = (offset: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset);
  return {
    starts: Array.from({ length: days }, (_, i) => midnight(i - (days - 1))),
    end: midnight(1),
  };
}

export const dayTones = ['bad', 'warn', 'ok', 'info', 'running'] as const;
export type DayTone = (typeof dayTones)[number];

export const toneWords: Record<DayTone, string> = {
  bad: 'failed or bad news',
  warn: 'needing a look',
  ok: 'went fine',
  info: 'other',
  running: 'running',
};

export interface ChartDay extends JournalDay {
  /** "3 Mar". */
  label: string;
  /** "Tuesday 3 March". */
  longLabel: string;
  today: boolean;
}

/** The journal's counts with their dates in words; the days are the ones asked for, in order. */
export function chartDays(range: DayRange, counts: readonly JournalDay[]): ChartDay[] {
  return range.starts.map((start, i) => {
    const count = counts[i] ?? { start: start.toISOString(), total: 0, ok: 0, warn: 0, bad: 0, info: 0, running: 0 };
    return {
      ...count,
      label: start.toLocaleDateString(undefined, { day: 'numeric', month: 'short' }),
      longLabel: start.toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long' }),
      today: i === range.starts.length - 1,
    };
  });
}

/** "5 actions: 3 went fine, 2 failed or bad news" / "no actions". */
export function dayInWords(day: JournalDay): string {
  if (day.total === 0) return 'no actions';
  const parts = dayTones.filter((tone) => day[tone] > 0).map((tone) => `${day[tone]} ${toneWords[tone]}`);
  return `${day.total} ${day.total === 1 ? 'action' : 'actions'}: ${parts.join(', ')}`;
}

export interface ActivityDays {
  days: ChartDay[] | null;
  error: string | null;
}

/** Loads the 14 days, and again (coalesced) as actions are written or the link comes back. */
export function useActivityDays(): ActivityDays {
  const [state, setState] = useState<ActivityDays>({ days: null, error: null });
  useEffect(() => {
    let live = true;
    let ticket = 0;
    const load = async () => {
      const mine = ++ticket;
      const range = dayRange(new Date());
      try {
        const { days } = await api.journal.days({
          starts: range.starts.map((d) => d.toISOString()),
          end: range.end.toISOString(),
        });
        if (live && mine === ticket) setState({ days: chartDays(range, days), error: null });
      } catch (error) {
        if (live && mine === ticket) setState((s) => ({ days: s.days, error: errorMessage(error) }));
      }
    };
    const reload = coalesced(() => void load(), 1_000);
    void load();
    const offAction = api.on('journal.action', () => reload.soon());
    let link = connection.get();
    const offLink = connection.subscribe((next) => {
      // Back after a drop: actions written meanwhile came with no event.
      if (next === 'open' && link !== 'open') reload.soon();
      link = next;
    });
    return () => {
      live = false;
      reload.cancel();
      offAction();
      offLink();
    };
  }, []);
  return state;
}
