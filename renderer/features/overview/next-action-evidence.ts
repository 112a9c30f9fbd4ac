/**
 * The evidence the banner's next action is chosen from, gathered from what the app already shows: the health
 * overview, the deploy targets and runs, the backups, the runbooks. Which checks fail is read only while something
 * fails (nothing else needs it), and again whenever what fails changes.
 */
import { useEffect, useMemo, useState } from 'react';
import { type FailingCheckEvidence, type NextAction, nextAction } from '../../../shared/model/next-action';
import { api } from '../../bridge';
import { useStore } from '../../store';
import { useBackups } from '../backups/store';
import { selectDeploysOverview } from '../deploys/selectors';
import { selectHealthOverview } from '../health/selectors';
import { useRunbooks } from '../runbooks/store';

/** The failing checks, by id: the store holds them only once the Health screen was opened. */
async function readFailing(): Promise<FailingCheckEvidence[]> {
  const checks = await api.health.checks({}).then(
    (r) => r.checks,
    () => [],
  );
  return checks.flatMap((c) =>
    c.status === 'down' || c.status === 'degraded'
      ? [{ service: c.service, environment: c.environment, checkId: c.checkId, status: c.status }]
      : [],
  );
}

export function useNextAction(): NextAction | null {
  const overview = useStore(selectHealthOverview);
  const deploys = useStore(selectDeploysOverview);
  const backups = useBackups((s) => s.overview?.backups ?? null);
  const failingKey = (overview?.services ?? [])
    .filter((s) => s.status === 'down' || s.status === 'degraded')
    .map((s) => `${s.service}@${s.environment}:${s.status}:${s.reason}`)
    .join('\n');
  // The runbooks feature keeps the list (read at start, reloaded when it changes); none is offered without it.
  const runbooks = useRunbooks((s) => s.list);
  const [failing, setFailing] = useState<FailingCheckEvidence[]>([]);

  useEffect(() => {
    // Nothing fails: what was read last is ignored below, so there is nothing to read.
    if (!failingKey) return;
    let live = true;
    void readFailing().then((checks) => live && setFailing(checks));
    return () => {
      live = false;
    };
  }, [failingKey]);

  return useMemo(() => {
    if (!overview) return null;
    return nextAction({
      now: overview.at,
      services: overview.services,
      targets: deploys?.targets ?? [],
      runs: (deploys?.runs ?? []).filter((r) => r.status === 'running'),
      failingChecks: failingKey ? failing : [],
      runbooks: runbooks ?? [],
      backups: backups ?? [],
    });
  }, [overview, deploys, backups, runbooks, failing, failingKey]);
}
