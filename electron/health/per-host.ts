/**
 * Whether a check is about each host of an environment (one instance per host) or about the environment as a
 * whole. Pure, so the workspace validator asks the same question the plan does and both always agree.
 */
import { type Workspace } from '../../shared/workspace';
import { type HealthCheckConfig, isSshCommand } from '../../shared/workspace/health';
import { variablesUsed } from './vars';

/** Per host: an `ssh: { command }` check, or one using `${host}` or a var some host of the environment defines. */
export function isPerHost(workspace: Workspace, environment: string, check: HealthCheckConfig): boolean {
  if ('ssh' in check && isSshCommand(check.ssh)) return true;
  const used = variablesUsed(check);
  if (used.has('host')) return true;
  const hosts = workspace.environments[environment]?.hosts ?? [];
  return [...used].some((name) => hosts.some((host) => hasHostVar(workspace, host, name)));
}

export function hasHostVar(workspace: Workspace, host: string, name: string): boolean {
  const vars = workspace.hosts[host]?.vars;
  return vars !== undefined && Object.hasOwn(vars, name);
}

/** The hosts a per-host check runs on in an environment: the one its ssh form names, else all of them. */
export function instanceHosts(workspace: Workspace, environment: string, check: HealthCheckConfig): string[] {
  if ('ssh' in check && check.ssh.host) return [check.ssh.host];
  return workspace.environments[environment]?.hosts ?? [];
}
