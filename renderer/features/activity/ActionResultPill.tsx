/**
 * An action's status in its own words: an alert about an outage reads "down" (red), not a green "succeeded"; an
 * action whose writer stated no outcome keeps its status. When the action itself did not succeed (an alert that
 * could not be sent) a second pill says so, so the outcome never hides a failure.
 */
import { type ActionOutcome, type JournalAction } from '../../../shared/model/journal';
import { ActionStatusPill, StatusPill, type Tone, toneOfAction } from '../../components/StatusPill';

const outcomeTones: Record<ActionOutcome['tone'], Tone> = { ok: 'ok', warn: 'warn', bad: 'bad', info: 'idle' };

export function outcomeTone(outcome: ActionOutcome): Tone {
  return outcomeTones[outcome.tone];
}

/** What went wrong with the action itself, beside its outcome; null when it succeeded. */
export function statusBeside(action: Pick<JournalAction, 'kind' | 'status'>): string | null {
  if (action.status === 'succeeded') return null;
  // An alert's action is its delivery: a failed one was not sent (the summary says to whom).
  if (action.kind === 'health.alert' && action.status === 'failed') return 'not sent';
  return action.status;
}

/** The action's status in words, for accessible names and filters: "down", "down, not sent", "failed". */
export function resultWords(action: Pick<JournalAction, 'kind' | 'status' | 'outcome'>): string {
  if (!action.outcome) return action.status;
  const beside = statusBeside(action);
  return beside ? `${action.outcome.word}, ${beside}` : action.outcome.word;
}

export function ActionResultPill({ action }: { action: Pick<JournalAction, 'kind' | 'status' | 'outcome'> }) {
  if (!action.outcome) return <ActionStatusPill status={action.status} />;
  const beside = statusBeside(action);
  return (
    <span className="result-pills">
      <StatusPill tone={outcomeTone(action.outcome)}>{action.outcome.word}</StatusPill>
      {beside ? <StatusPill tone={toneOfAction(action.status)}>{beside}</StatusPill> : null}
    </span>
  );
}
