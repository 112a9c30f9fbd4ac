/**
 * The deploy targets a workspace declares: every service with a deploy, in each environment it runs in, in the
 * file's order. The backend builds the Deploys overview from it; the window uses it to know the first target
 * before the overview has arrived.
 */
import { type Workspace } from './index';

export interface TargetRef {
  service: string;
  environment: string;
}

export function deployTargets(workspace: Workspace | null | undefined): TargetRef[] {
  if (!workspace) return [];
  const all = Object.keys(workspace.environments);
  const out: TargetRef[] = [];
  for (const [service, config] of Object.entries(workspace.services)) {
    if (!config.deploy) continue;
    for (const environment of config.environments ?? all) {
      if (workspace.environments[environment]) out.push({ service, environment });
    }
  }
  return out;
}
