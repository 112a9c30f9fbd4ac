/**
 * What to tell a person when a run could not finish cleanly (the connection was lost, a rollback failed): where
 * each host stands, and the command that brings every host back to the release they ran before.
 */
import { type HostOutcome, type WayBack } from '../../shared/model/deploys';

function describe(state: HostOutcome): string {
  switch (state.state) {
    case 'switched':
      return `${state.host} runs ${state.release} (switched)`;
    case 'healthy':
      return `${state.host} runs ${state.release} (healthy)`;
    case 'rolled-back':
      return `${state.host} is back on ${state.release}`;
    case 'not-switched':
      return `${state.host} still runs ${state.previous ?? state.release ?? 'its previous release'} (not switched)`;
    case 'unknown':
      return `${state.host} may run ${state.release ?? 'the new release'} or ${state.previous ?? 'its previous release'} (unknown${state.detail ? `: ${state.detail}` : ''})`;
  }
}

export function describeHosts(states: readonly HostOutcome[]): string {
  return states.map(describe).join('; ');
}

export function buildWayBack(service: string, environment: string, states: readonly HostOutcome[]): WayBack | null {
  const touched = states.filter((s) => s.state === 'switched' || s.state === 'healthy' || s.state === 'unknown');
  if (touched.length === 0) return null;
  const previous = [...new Set(touched.map((s) => s.previous).filter((p): p is string => p !== null))];
  const rollbackTo = previous.length === 1 ? (previous[0] as string) : null;
  const command = `cockpit rollback ${service} --env ${environment}${rollbackTo ? ` --to ${rollbackTo}` : ''}`;
  const summary = rollbackTo
    ? `To put every host back on ${rollbackTo}, roll back (it takes the lock, switches, restarts and checks health): ${command}`
    : previous.length === 0
      ? 'There is no earlier release to return to on the changed hosts; deploy a known good release instead.'
      : `Hosts ran different releases before (${previous.join(', ')}); roll back each to the release you want with --to.`;
  return { summary, rollbackTo, commands: previous.length === 0 ? [] : [command] };
}
