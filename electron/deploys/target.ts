/**
 * Finds what a deploy acts on — the service's deploy config and the environment's hosts — or says precisely
 * what is missing, as a CockpitError the UI and the CLI can show as is.
 */
import { CockpitError } from '../../shared/rpc';
import { type DeployConfig, type EnvironmentConfig, type Workspace } from '../../shared/workspace';

export interface DeployTarget {
  service: string;
  environment: string;
  config: DeployConfig;
  env: EnvironmentConfig;
  hosts: string[];
}

export function resolveTarget(workspace: Workspace, service: string, environment: string): DeployTarget {
  const svc = workspace.services[service];
  if (!svc) throw new CockpitError('NOT_FOUND', `There is no service "${service}" in ${workspace.name}.`);
  if (!svc.deploy)
    throw new CockpitError('BAD_REQUEST', `Service "${service}" has no deploy: section, so it cannot be deployed.`);
  const env = workspace.environments[environment];
  if (!env) throw new CockpitError('NOT_FOUND', `There is no environment "${environment}" in ${workspace.name}.`);
  if (svc.environments && !svc.environments.includes(environment)) {
    throw new CockpitError(
      'BAD_REQUEST',
      `Service "${service}" does not run in "${environment}" (it runs in ${svc.environments.join(', ')}).`,
    );
  }
  if (env.hosts.length === 0) throw new CockpitError('BAD_REQUEST', `Environment "${environment}" has no hosts.`);
  const missing = env.hosts.filter((h) => !workspace.hosts[h]);
  if (missing.length > 0) {
    throw new CockpitError(
      'INVALID_WORKSPACE',
      `Environment "${environment}" names hosts that are not under hosts: ${missing.join(', ')}.`,
    );
  }
  return { service, environment, config: svc.deploy, env, hosts: [...env.hosts] };
}

/** Protected environments need their name typed; anything else is refused before a single command runs. */
export function checkConfirmation(target: DeployTarget, confirmation: string | undefined, action: string): void {
  if (!target.env.protected) return;
  if (confirmation?.trim() === target.environment) return;
  throw new CockpitError(
    'FORBIDDEN',
    `${target.environment} is protected: type "${target.environment}" to confirm the ${action} of ${target.service}.`,
    { needsConfirmation: target.environment },
  );
}

/** Where the lock and the audit log live on each host. */
export function lockBase(target: DeployTarget): string {
  return target.config.strategy === 'releases'
    ? target.config.path
    : (target.config.path ?? `~/.cockpit/${target.service}`);
}
