/**
 * The score's tone against the team's bar, apart from ./readiness-model so the Overview's chip (in the first
 * bundle) brings only this along.
 */
import { type Tone } from '../../components/StatusPill';

/** At or above the bar is fine; up to 15 points under it is a warning; further down is bad. */
export function scoreTone(score: number, threshold: number): Extract<Tone, 'ok' | 'warn' | 'bad'> {
  if (score >= threshold) return 'ok';
  return score >= threshold - 15 ? 'warn' : 'bad';
}
