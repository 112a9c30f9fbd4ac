/**
 * Items read from the workspace file alone, which no feature owns: production protected.
 *
 * production-protected — an environment looks like production when its name says prod (`prod`, `production`,
 * `eu-prod`) or one of its hosts carries a label whose value does (`env: production`):
 *   green  every such environment is `protected` (deploy, rollback and restore ask for its name to be typed);
 *   red    one of them is not;
 *   amber  no environment looks like production, so the scorecard cannot tell which one to protect.
 */
import { type ReadinessItem } from '../../shared/model/readiness';
import { type Workspace } from '../../shared/workspace';
import { item, listWords } from '../features/readiness-items';

const PROD = /prod/i;

export function productionLike(workspace: Workspace): Array<{ environment: string; protected: boolean }> {
  return Object.entries(workspace.environments)
    .filter(
      ([name, env]) =>
        PROD.test(name) ||
        env.hosts.some((h) => Object.values(workspace.hosts[h]?.labels ?? {}).some((v) => PROD.test(v))),
    )
    .map(([environment, env]) => ({ environment, protected: env.protected }));
}

export function productionProtectedItem(
  envs: ReadonlyArray<{ environment: string; protected: boolean }>,
): ReadinessItem {
  if (envs.length === 0) {
    return item(
      'production-protected',
      'amber',
      'No environment is named or labelled production, so the scorecard cannot tell which one to protect.',
      { label: 'Mark production with protected: true in the workspace', route: 'settings', id: null },
    );
  }
  const open = envs.filter((e) => !e.protected);
  if (open.length === 0) {
    return item(
      'production-protected',
      'green',
      `${listWords(envs.map((e) => e.environment))} ${envs.length === 1 ? 'is' : 'are'} protected: deploy, rollback and restore ask for the name to be typed.`,
      null,
    );
  }
  const names = open.map((e) => e.environment);
  return item(
    'production-protected',
    'red',
    `${listWords(names)} ${names.length === 1 ? 'looks' : 'look'} like production but ${names.length === 1 ? 'is' : 'are'} not protected: a deploy or restore there asks nothing first.`,
    { label: `Set protected: true on ${names[0] ?? 'production'}`, route: 'settings', id: names[0] ?? null },
  );
}

export function workspaceItems(workspace: Workspace): ReadinessItem[] {
  return [productionProtectedItem(productionLike(workspace))];
}
