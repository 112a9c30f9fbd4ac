/**
 * `${var}` in a service's URLs and commands is filled from the `vars` of the environment it runs in. A variable
 * missing from one environment would only surface when that environment is deployed or checked; here it surfaces
 * on save, naming the environment that lacks it.
 */
import { type WorkspaceIssue } from '../../shared/model/workspace-state';
import { type Workspace } from '../../shared/workspace';
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
    const walk = (value: unknown, path: FieldPath, envs: readonly string[]) => {
      if (typeof value === 'string') {
        for (const name of new Set(variablesIn(value))) {
          if ((BUILTIN_VARS as readonly string[]).includes(name)) continue;
          // Own keys only: `${constructor}` is not defined by every object's constructor.
          const lacking = envs.filter((env) => {
            const vars = workspace.environments[env]?.vars;
            return !vars || !Object.hasOwn(vars, name);
          });
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
        value.forEach((item, i) => walk(item, [...path, i], envs));
      } else if (value !== null && typeof value === 'object') {
        for (const [key, child] of Object.entries(value)) if (key !== 'description') walk(child, [...path, key], envs);
      }
    };

    const raw = services[serviceName] as Record<string, unknown> | undefined;
    if (!raw || typeof raw !== 'object') continue;
    for (const [key, child] of Object.entries(raw)) {
      if (key === 'health' && Array.isArray(child)) {
        // A check limited to some environments only needs the vars of those.
        child.forEach((check, i) =>
          walk(check, ['services', serviceName, 'health', i], known(service.health[i]?.environments ?? serviceEnvs)),
        );
      } else if (key !== 'environments' && key !== 'description') {
        walk(child, ['services', serviceName, key], serviceEnvs);
      }
    }
  }
  return issues;
}
