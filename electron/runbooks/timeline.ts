/**
 * Runbooks' part of the one timeline: each runbook run from start to end, with its result, as the journal keeps it
 * (`runbook.run` actions, see journal-runs.ts), whichever process ran it.
 */
import { type TimelineEntry } from '../../shared/model/timeline';
import { type TimelineSource } from '../features/types';
import { type Database } from '../journal/sqlite';
import { type RangedAction, journalActionsInRange, splitTarget, text } from '../journal/actions-in-range';
import { RUNBOOK_RUN_KIND } from './journal-runs';

/** A run lasts minutes; one begun a day before the range and still going is shown too. */
const LOOKBACK_MS = 86_400_000;

const tones: Record<RangedAction['status'], TimelineEntry['tone']> = {
  succeeded: 'ok',
  failed: 'bad',
  interrupted: 'warn',
  cancelled: 'info',
  running: 'info',
};
const words: Record<RangedAction['status'], string> = {
  succeeded: 'done',
  failed: 'failed',
  interrupted: 'interrupted',
  cancelled: 'cancelled',
  running: 'running',
};

export function runbookEntry(action: RangedAction): TimelineEntry {
  const target = splitTarget(action.target);
  const service = text(action.intent, 'service') ?? target.service;
  const environment = text(action.intent, 'environment') ?? target.environment;
  const title = text(action.intent, 'runbookTitle') ?? action.title;
  return {
    id: `runbook:${action.id}`,
    kind: 'runbook',
    at: action.startedAt,
    endAt: action.endedAt,
    service,
    environment,
    title: `Runbook "${title}" in ${environment ?? 'an unknown environment'}: ${words[action.status]}`,
    detail: [action.summary, `by ${action.actor}`].filter(Boolean).join(' · '),
    tone: tones[action.status],
    practice: false,
    link: { route: 'runbooks', id: action.id },
  };
}

export function runbooksTimeline(db: Database): TimelineSource {
  return function runbooks(range) {
    return journalActionsInRange(db, {
      kinds: [RUNBOOK_RUN_KIND],
      from: range.from,
      to: range.to,
      lookbackMs: LOOKBACK_MS,
    })
      .filter((a) => range.service === undefined || a.target?.startsWith(`${range.service}@`))
      .map(runbookEntry);
  };
}
