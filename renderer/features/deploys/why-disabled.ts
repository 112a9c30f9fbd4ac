/**
 * Why a dialog's Deploy or Roll back button cannot be pressed yet, in a line shown beside it (and read out as its
 * description): the person never has to guess which field holds it back. Null when it can be pressed. Pure.
 */
import { releaseName } from './deploy-format';

export function deployWhyNot(state: {
  environment: string;
  starting: boolean;
  busy: boolean;
  hasRelease: boolean;
  needsRef: boolean;
  confirmed: boolean;
  hostsProblem: string | null;
  planned: boolean;
  planProblem: string | null;
}): string | null {
  if (state.starting) return null;
  if (state.busy) return `A run is going on in ${state.environment}: wait for it to end (Watch live shows it).`;
  if (!state.hasRelease) return 'Choose a release above.';
  if (state.needsRef) return 'Name the release above.';
  if (state.hostsProblem) return state.hostsProblem;
  if (!state.planned) return state.planProblem ? 'There is no plan: see the message above.' : 'Working out the plan…';
  if (!state.confirmed) return `Type ${state.environment} above to confirm.`;
  return null;
}

export function rollbackWhyNot(state: {
  environment: string;
  starting: boolean;
  chosen: { id: string; everywhere: boolean; missingOn: readonly string[]; bad: object | null } | null;
  confirmed: boolean;
  hostsProblem: string | null;
}): string | null {
  const { chosen } = state;
  if (state.starting) return null;
  if (!chosen) return 'Choose a release to roll back to above.';
  const name = releaseName(chosen.id);
  if (!chosen.everywhere) {
    const where = chosen.missingOn.length > 0 ? chosen.missingOn.join(', ') : 'some hosts';
    return `${name} is not on ${where}: choose another release, or deploy ${name} instead.`;
  }
  if (chosen.bad) return `${name} is marked bad: choose another release, or clear its mark first.`;
  if (state.hostsProblem) return state.hostsProblem;
  if (!state.confirmed) return `Type ${state.environment} above to confirm.`;
  return null;
}
