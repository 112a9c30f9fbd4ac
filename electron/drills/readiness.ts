/**
 * The rollback drills' part of the readiness scorecard: the 10 PM rollback practised recently, from the drills
 * store (no drill is run to answer). A drill counts as practice when the service recovered: `passed`, or
 * `missed-target` (it recovered, only slower than the team's target).
 *
 * rollback-practised — for each service that declares `drill:`:
 *   green  every one recovered in a drill within the last 90 days;
 *   amber  the worst one's last recovery was 91–180 days ago;
 *   red    some declared drill never recovered within 180 days (or never ran), or no service declares a drill.
 */
import { type RollbackDrill } from '../../shared/model/drills';
import { type ReadinessItem, type ReadinessStatus } from '../../shared/model/readiness';
import { type Workspace } from '../../shared/workspace';
import { type ReadinessSource } from '../features/types';
import { DAY_MS, PRACTICE_WINDOW_DAYS, daysAgo, item, worse } from '../features/readiness-items';

const STALE_AFTER_DAYS = 2 * PRACTICE_WINDOW_DAYS;

export interface ServicePractice {
  service: string;
  /** When the last drill that recovered ended, and where. */
  lastRecovered: { endedAt: string; environment: string } | null;
}

export function servicePractice(workspace: Workspace, history: readonly RollbackDrill[]): ServicePractice[] {
  return Object.entries(workspace.services)
    .filter(([, config]) => config.drill !== undefined)
    .map(([service]) => {
      const recovered = history
        .filter((d) => d.service === service && (d.status === 'passed' || d.status === 'missed-target'))
        .filter((d): d is RollbackDrill & { endedAt: string } => d.endedAt !== null)
        .sort((a, b) => Date.parse(b.endedAt) - Date.parse(a.endedAt))[0];
      return {
        service,
        lastRecovered: recovered ? { endedAt: recovered.endedAt, environment: recovered.environment } : null,
      };
    });
}

export function rollbackPractisedItem(services: readonly ServicePractice[], now: Date): ReadinessItem {
  if (services.length === 0) {
    return item('rollback-practised', 'red', 'No service declares a rollback drill, so rollback is never practised.', {
      label: 'Declare a drill',
      route: 'drills',
      id: null,
    });
  }
  const ages = services.map((s) => {
    if (!s.lastRecovered)
      return { s, status: 'red' as ReadinessStatus, words: `${s.service}: never recovered in a drill` };
    const days = (now.getTime() - Date.parse(s.lastRecovered.endedAt)) / DAY_MS;
    const status: ReadinessStatus = days <= PRACTICE_WINDOW_DAYS ? 'green' : days <= STALE_AFTER_DAYS ? 'amber' : 'red';
    const words = `${s.service}: last recovered ${daysAgo(s.lastRecovered.endedAt, now)} (${s.lastRecovered.environment})`;
    return { s, status, words };
  });
  const status = ages.reduce<ReadinessStatus>((acc, a) => worse(acc, a.status), 'green');
  const due = ages.filter((a) => a.status !== 'green').map((a) => a.s.service);
  const evidence = `${ages.map((a) => a.words).join('; ')}.`;
  return item('rollback-practised', status, evidence, {
    label: `Run the rollback drill of ${due[0] ?? 'a service'}`,
    route: 'drills',
    id: due[0] ?? null,
  });
}

export function drillsReadiness(
  workspace: () => Workspace | null,
  history: () => RollbackDrill[],
  now: () => Date,
): ReadinessSource {
  return () => {
    const open = workspace();
    return open ? [rollbackPractisedItem(servicePractice(open, history()), now())] : [];
  };
}
