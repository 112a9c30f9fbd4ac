/**
 * What one check becomes in one environment: a single environment-wide instance, or one instance per host when
 * the check is about each host — it uses `${host}`, or a var some host of the environment defines, or it is an
 * `ssh: { command }` check (which runs on the host). Variables resolve from the host's vars first, then the
 * environment's; `${host}` is the host's name as the workspace writes it (an address comes from a var, `${addr}`).
 */
import { type Workspace } from '../../shared/workspace';
import { type HealthCheckConfig, isSshCommand } from '../../shared/workspace/health';
import { fillPlaceholders } from '../remote/quote';
import { instanceHosts, isPerHost } from './per-host';
import { checkKey } from './keys';
import { substituteVars } from './vars';

export interface Instance {
  key: string;
  /** Absent for an environment-wide check. */
  host?: string;
  /** The check with its variables filled in. */
  config: HealthCheckConfig;
}

/** An instance that cannot run, in words (without its key). */
export interface InstanceProblem {
  key: string;
  problem: string;
}

export function instancesOf(
  workspace: Workspace,
  service: string,
  environment: string,
  check: HealthCheckConfig,
): Array<Instance | InstanceProblem> {
  const env = workspace.environments[environment];
  const key = checkKey(service, check.id, environment);
  if (!env) return [{ key, problem: `no environment "${environment}" in the workspace` }];
  const base: Record<string, string> = { environment, service, ...env.vars };

  if (!isPerHost(workspace, environment, check)) {
    const { value, missing } = substituteVars(check, base);
    if (missing.length > 0)
      return [{ key, problem: `${varList(missing)} not defined in environment "${environment}"` }];
    const bad = badUrl(value);
    if (bad !== undefined) {
      return [{ key, problem: `"${bad}" is not an http(s) URL (in environment "${environment}")` }];
    }
    return [{ key, config: value }];
  }

  const named = instanceHosts(workspace, environment, check);
  if (named.length === 0) {
    return [{ key, problem: `environment "${environment}" has no hosts to run this per-host check on` }];
  }
  return named.map((host) => {
    const hostKey = checkKey(service, check.id, environment, host);
    // `${host}` is always the host's name, whatever its vars say.
    const vars = { ...base, ...workspace.hosts[host]?.vars, host };
    const { value, missing } = substituteVars(check, vars);
    if (missing.length > 0) {
      return {
        key: hostKey,
        problem: `${varList(missing)} not defined for host "${host}" (neither in its vars nor in environment "${environment}")`,
      };
    }
    const bad = badUrl(value);
    if (bad !== undefined) return { key: hostKey, problem: `"${bad}" is not an http(s) URL (on host "${host}")` };
    if ('ssh' in check && 'ssh' in value && isSshCommand(check.ssh) && isSshCommand(value.ssh)) {
      // The command is the team's shell line; the values filled into it are data, each kept one quoted word.
      return {
        key: hostKey,
        host,
        config: { ...value, ssh: { ...value.ssh, command: fillPlaceholders(check.ssh.command, vars) } },
      };
    }
    return { key: hostKey, host, config: value };
  });
}

function varList(names: string[]): string {
  return names.map((m) => '${' + m + '}').join(', ');
}

function badUrl(check: HealthCheckConfig): string | undefined {
  const urls: string[] = [];
  if ('http' in check) urls.push(check.http);
  if ('prometheus' in check) urls.push('query' in check.prometheus ? check.prometheus.server : check.prometheus.scrape);
  return urls.find((url) => !isHttpUrl(url));
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}
