/**
 * `${var}` in a service's URLs and commands is filled from the `vars` of the environment it runs in (and, for a
 * health check that runs per host, from each host's `vars` first). A variable missing from one environment or
 * host would only surface when that environment is deployed or checked; here it surfaces on save, naming the
 * environment or host that lacks it.
 */
import { type WorkspaceIssue } from '../../shared/model/workspace-state';
import { type Workspace } from '../../shared/workspace';
import { type HealthCheckConfig } from '../../shared/workspace/health';
import { hasHostVar, instanceHosts, isPerHost } from '../health/per-host';
import { type FieldPath, type Locator } from './locate';

/** Filled in by the engine itself, not from `vars`. */
export const BUILTIN_VARS = ['service', 'environment', 'host', 'release'] as const;

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g;

export function variablesIn(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((match) => match[1] ?? '');
}

/**
 * @param data the file as plain data (before defaults), so paths match what the user wrote
 * @param workspace the validated workspace, for each service's environments and each environment's vars
 */
export function checkVariables(data: unknown, workspace: Workspace, locator: Locator): WorkspaceIssue[] {
  const issues: WorkspaceIssue[] = [];
  const allEnvironments = Object.keys(workspace.environments);
  const services = (data as { services?: Record<string, unknown> } | null)?.services ?? {};

  for (const [serviceName, service] of Object.entries(workspace.services)) {
    // Unknown environment names are reported by the reference checks; here they would only repeat it.
    const known = (names: readonly string[]) => names.filter((env) => Object.hasOwn(workspace.environments, env));
    const serviceEnvs = known(service.environments ?? allEnvironments);
    const envLacks = (env: string, name: string) => {
      const vars = workspace.environments[env]?.vars;
      return !vars || !Object.hasOwn(vars, name);
    };
    const walk = (value: unknown, path: FieldPath, envs: readonly string[], check?: HealthCheckConfig) => {
      if (typeof value === 'string') {
        for (const name of new Set(variablesIn(value))) {
          if (check) {
            const issue = perHostIssue(workspace, locator, path, serviceName, envs, check, name);
            if (issue !== undefined) {
              if (issue) issues.push(issue);
              continue;
            }
          }
          if ((BUILTIN_VARS as readonly string[]).includes(name)) continue;
          // Own keys only: `${constructor}` is not defined by every object's constructor.
          const lacking = envs.filter((env) => envLacks(env, name));
          if (lacking.length === 0) continue;
          const list = lacking.join(', ');
          issues.push(
            locator.issue(path, {
              message: `\${${name}} is not defined in the vars of ${lacking.length === 1 ? 'environment' : 'environments'} ${list} (service ${serviceName} runs there)`,
              expected: `"${name}" under ${lacking.map((env) => `environments.${env}.vars`).join(' and ')}`,
            }),
          );
        }
      } else if (Array.isArray(value)) {
        value.forEach((item, i) => walk(item, [...path, i], envs, check));
      } else if (value !== null && typeof value === 'object') {
        for (const [key, child] of Object.entries(value))
          if (key !== 'description') walk(child, [...path, key], envs, check);
      }
    };

    const raw = services[serviceName] as Record<string, unknown> | undefined;
    if (!raw || typeof raw !== 'object') continue;
    for (const [key, child] of Object.entries(raw)) {
      if (key === 'health' && Array.isArray(child)) {
        // A check limited to some environments only needs the vars of those.
        child.forEach((check, i) => {
          const config = service.health[i];
          walk(check, ['services', serviceName, 'health', i], known(config?.environments ?? serviceEnvs), config);
        });
      } else if (key !== 'environments' && key !== 'description') {
        walk(child, ['services', serviceName, key], serviceEnvs);
      }
    }
  }
  return issues;
}

/**
 * For a health check: in the environments where it runs per host, a variable each of those hosts must resolve
 * (its own vars, else the environment's). Returns an issue, null when those environments are fine and no
 * environment-wide rule applies, or undefined when the check runs environment-wide everywhere (the plain rule).
 */
function perHostIssue(
  workspace: Workspace,
  locator: Locator,
  path: FieldPath,
  service: string,
  envs: readonly string[],
  check: HealthCheckConfig,
  name: string,
): WorkspaceIssue | null | undefined {
  const perHostEnvs = envs.filter((env) => isPerHost(workspace, env, check));
  if (perHostEnvs.length === 0) return undefined;
  if (perHostEnvs.length < envs.length && name !== 'host') {
    // Mixed: the environments where it runs environment-wide follow the plain rule, reported separately.
    const plain = envs.filter((env) => !perHostEnvs.includes(env));
    const lackingEnvs = plain.filter((env) => !Object.hasOwn(workspace.environments[env]?.vars ?? {}, name));
    if (lackingEnvs.length > 0 && !(BUILTIN_VARS as readonly string[]).includes(name)) {
      return locator.issue(path, {
        message: `\${${name}} is not defined in the vars of ${lackingEnvs.length === 1 ? 'environment' : 'environments'} ${lackingEnvs.join(', ')} (service ${service} runs there)`,
        expected: `"${name}" under ${lackingEnvs.map((env) => `environments.${env}.vars`).join(' and ')}, or on each of their hosts`,
      });
    }
  }
  const noHosts = perHostEnvs.filter((env) => instanceHosts(workspace, env, check).length === 0);
  if (noHosts.length > 0) {
    return locator.issue(path, {
      message: `check "${check.id}" runs on each host, but ${noHosts.length === 1 ? 'environment' : 'environments'} ${noHosts.join(', ')} ${noHosts.length === 1 ? 'has' : 'have'} no hosts`,
      expected: `hosts under ${noHosts.map((env) => `environments.${env}.hosts`).join(' and ')}, or "environments:" on the check leaving ${noHosts.length === 1 ? 'it' : 'them'} out`,
    });
  }
  if ((BUILTIN_VARS as readonly string[]).includes(name)) return null;
  const lacking = perHostEnvs.flatMap((env) => {
    if (Object.hasOwn(workspace.environments[env]?.vars ?? {}, name)) return [];
    return instanceHosts(workspace, env, check)
      .filter((host) => !hasHostVar(workspace, host, name))
      .map((host) => ({ env, host }));
  });
  if (lacking.length === 0) return null;
  const hosts = [...new Set(lacking.map((l) => l.host))];
  const lackingEnvs = [...new Set(lacking.map((l) => l.env))];
  return locator.issue(path, {
    message: `\${${name}} is not defined for ${hosts.length === 1 ? 'host' : 'hosts'} ${hosts.join(', ')} (check "${check.id}" of service ${service} runs on each host of ${lackingEnvs.join(', ')})`,
    expected: `"${name}" under ${hosts.map((h) => `hosts.${h}.vars`).join(' and ')}, or under ${lackingEnvs.map((e) => `environments.${e}.vars`).join(' and ')}`,
  });
}
