/**
 * The runbooks' part of the readiness scorecard: the common failures have a runbook, so nobody guesses at 10 PM.
 * Counted from each runbook's `covers:` in the workspace. The cockpit's own "Roll back" button answers
 * deploy-rollback when every production service deploys with `strategy: releases` (one click back to the previous
 * release, health-gated).
 *
 * runbooks — over database-connections, certificate-expiry, deploy-rollback and vendor-contacts (disk-full is
 * welcome but not required): green all four covered; amber two or three; red one or none.
 */
import { type ReadinessItem } from '../../shared/model/readiness';
import { type CommonFailure, type Workspace } from '../../shared/workspace';
import { type FeatureContext, type ReadinessSource } from '../features/types';
import { item, listWords, productionEnvironments, runsIn } from '../features/readiness-items';

export const requiredFailures = [
  'database-connections',
  'certificate-expiry',
  'deploy-rollback',
  'vendor-contacts',
] as const satisfies readonly CommonFailure[];

const failureWords: Record<CommonFailure, string> = {
  'database-connections': 'database connections running out',
  'certificate-expiry': 'an expiring certificate',
  'deploy-rollback': 'rolling back a deploy',
  'disk-full': 'a full disk',
  'vendor-contacts': 'vendor contacts',
};

export interface RunbookCoverage {
  /** Failure → the runbooks (by title) that cover it; "the Roll back button" for deploy-rollback when it counts. */
  covered: Partial<Record<CommonFailure, string[]>>;
}

export function runbookCoverage(workspace: Workspace): RunbookCoverage {
  const covered: Partial<Record<CommonFailure, string[]>> = {};
  for (const runbook of workspace.runbooks) {
    for (const failure of runbook.covers) (covered[failure] ??= []).push(runbook.title);
  }
  const production = productionEnvironments(workspace);
  const services = Object.keys(workspace.services).filter((s) => production.some((e) => runsIn(workspace, s, e)));
  const rollbackButton =
    services.length > 0 && services.every((s) => workspace.services[s]?.deploy?.strategy === 'releases');
  if (rollbackButton) (covered['deploy-rollback'] ??= []).push('the Roll back button');
  return { covered };
}

export function runbooksItem(coverage: RunbookCoverage): ReadinessItem {
  const missing = requiredFailures.filter((f) => !coverage.covered[f]?.length);
  const have = requiredFailures.filter((f) => coverage.covered[f]?.length);
  const coveredWords = have.map((f) => `${failureWords[f]} (${(coverage.covered[f] ?? []).join(', ')})`);
  if (missing.length === 0) {
    return item('runbooks', 'green', `Covered: ${coveredWords.join('; ')}.`, null);
  }
  const status = have.length >= 2 ? 'amber' : 'red';
  const evidence = `No runbook for ${listWords(missing.map((f) => failureWords[f]))}${
    have.length ? `. Covered: ${coveredWords.join('; ')}` : ''
  }. A runbook names the failures it answers in its \`covers\` list.`;
  const first = missing[0];
  return item('runbooks', status, evidence, {
    label: `Write a runbook for ${first ? failureWords[first] : 'the common failures'}`,
    route: 'runbooks',
    id: null,
  });
}

export function runbooksReadiness(context: Pick<FeatureContext, 'workspace'>): ReadinessSource {
  return () => {
    const workspace = context.workspace.current().workspace;
    return workspace ? [runbooksItem(runbookCoverage(workspace))] : [];
  };
}
