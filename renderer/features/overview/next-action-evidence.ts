/**
 * The evidence the banner's next action is chosen from, gathered from what the app already shows: the health
 * overview, the deploy targets and runs, the backups. Which checks fail and which runbooks exist are read only
 * while something fails (nothing else needs them), and again whenever what fails changes.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  type FailingCheckEvidence,
  type NextAction,
  type NextActionEvidence,
  nextAction,
} from '../../../shared/model/next-action';
import { api } from '../../bridge';
import { useStore } from '../../store';
import { useBackups } from '../backups/store';
import { selectDeploysOverview } from '../deploys/selectors';
import { selectHealthOverview } from '../health/selectors';

type Runbooks = NextActionEvidence['runbooks'];

async function readFailing(): Promise<{ checks: FailingCheckEvidence[]; runbooks: Runbooks }> {
  const [checks, runbooks] = await Promise.all([
    api.health.checks({}).then(
      (r) => r.checks,
      () => [],
    ),
    // A workspace without runbooks (or a backend without them) simply offers none.
    api.runbooks.list({}).then(
      (r) => r.runbooks,
      () => [],
    ),
  ]);
  const failing = checks.flatMap((c) =>
    c.status === 'down' || c.status === 'degraded'
      ? [{ service: c.service, environment: c.environment, checkId: c.checkId, status: c.status }]
      : [],
  );
  return { checks: failing, runbooks };
}

export function useNextAction(): NextAction | null {
  const overview = useStore(selectHealthOverview);
  const deploys = useStore(selectDeploysOverview);
  const backups = useBackups((s) => s.overview?.backups ?? null);
  const failingKey = (overview?.services ?? [])
    .filter((s) => s.status === 'down' || s.status === 'degraded')
    .map((s) => `${s.service}@${s.environment}:${s.status}:${s.reason}`)
    .join('\n');
  const [read, setRead] = useState<{ checks: FailingCheckEvidence[]; runbooks: Runbooks }>({
    checks: [],
    runbooks: [],
  });

  useEffect(() => {
    // Nothing fails: what was read last is ignored below, so there is nothing to read.
    if (!failingKey) return;
    let live = true;
    void readFailing().then((r) => live && setRead(r));
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
      failingChecks: failingKey ? read.checks : [],
      runbooks: read.runbooks,
      backups: backups ?? [],
    });
  }, [overview, deploys, backups, read, failingKey]);
}
