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

/** Which hosts a run acts on, when not all of them: a host that is down can be left out. */
export interface HostChoice {
  hosts?: readonly string[];
  skipHosts?: readonly string[];
  batch?: number;
  reason?: string;
}

/**
 * The target narrowed to the chosen hosts (and the batch size overridden), or an error naming what is wrong:
 * unknown names, nothing left, or `skipHosts` without a reason. Returns every host left out, for the journal.
 */
export function chooseHosts(target: DeployTarget, choice: HostChoice): { target: DeployTarget; skipped: string[] } {
  const named = [...(choice.hosts ?? []), ...(choice.skipHosts ?? [])];
  const unknown = [...new Set(named.filter((h) => !target.hosts.includes(h)))];
  if (unknown.length > 0) {
    throw new CockpitError(
      'BAD_REQUEST',
      `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a host' : 'are not hosts'} of ${target.environment} (its hosts: ${target.hosts.join(', ')}).`,
    );
  }
  const only = choice.hosts && choice.hosts.length > 0 ? new Set(choice.hosts) : null;
  const skip = new Set(choice.skipHosts ?? []);
  const hosts = target.hosts.filter((h) => (!only || only.has(h)) && !skip.has(h));
  const skipped = target.hosts.filter((h) => !hosts.includes(h));
  if (hosts.length === 0) {
    throw new CockpitError('BAD_REQUEST', `No host of ${target.environment} is left to act on: choose at least one.`);
  }
  // Naming the hosts to act on is a choice in itself; leaving named hosts out is what needs saying why.
  if (skip.size > 0 && !choice.reason?.trim()) {
    throw new CockpitError(
      'BAD_REQUEST',
      `Leaving out ${[...skip].join(', ')} needs a reason (--reason TEXT): it is journaled with the skipped hosts.`,
    );
  }
  const config = choice.batch !== undefined ? { ...target.config, batch: choice.batch } : target.config;
  return { target: { ...target, hosts, config }, skipped };
}

/** Where the lock and the audit log live on each host. */
export function lockBase(target: DeployTarget): string {
  return target.config.strategy === 'releases'
    ? target.config.path
    : (target.config.path ?? `~/.cockpit/${target.service}`);
}
