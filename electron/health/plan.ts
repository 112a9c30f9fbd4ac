/**
 * From the workspace file to the list of things to watch: one scheduled check per service × check ×
 * environment, with `${vars}` filled in and timing settled. A check that uses `${host}` or a var some host of the
 * environment defines, and every `ssh: { command }` check, becomes one instance per host instead (see
 * instances.ts). Problems (an unknown environment, an undefined variable, an ssh check in an environment without
 * hosts) are reported in words and that check (or that host's instance) is left out.
 */
import { type Workspace } from '../../shared/workspace';
import { type CheckKindName, type HealthCheckConfig, checkKindOf } from '../../shared/workspace/health';
import { type Instance, instancesOf } from './instances';
import { checkKey, instanceName } from './keys';
import { type KindRegistry, kindFor } from './registry';

export { checkKey, groupKey, instanceName } from './keys';

export interface ScheduledCheck {
  /**
   * `service/check@environment`, or `service/check@environment#host` for one host's instance: stable across
   * reloads while the names stay (an environment-wide check keeps the key it always had, and with it its history).
   */
  key: string;
  service: string;
  environment: string;
  checkId: string;
  kind: CheckKindName;
  /** The check with its variables filled in. */
  config: HealthCheckConfig;
  subject: string;
  critical: boolean;
  everyMs: number;
  everyFailingMs: number;
  timeoutMs: number;
  retries: number;
  hosts: string[];
  /** The host this instance looks at; absent for an environment-wide check. */
  host?: string;
}

export interface PlanProblem {
  key: string;
  message: string;
}

/** Which checks a call is about; every field optional. */
export interface CheckFilter {
  service?: string;
  environment?: string;
  checkId?: string;
  /** One host's instances of per-host checks. */
  host?: string;
}

export function matchesFilter(
  check: Pick<ScheduledCheck, 'service' | 'environment' | 'checkId' | 'host'>,
  f: CheckFilter,
) {
  return (
    (f.service === undefined || check.service === f.service) &&
    (f.environment === undefined || check.environment === f.environment) &&
    (f.checkId === undefined || check.checkId === f.checkId) &&
    (f.host === undefined || check.host === f.host)
  );
}

/**
 * The one-line form of an outcome for service statuses and alerts: the kind's own, else "<subject>: <reason>".
 * An instance's always names its check and host ("ready on web-2: exit 7: …"), so an alert says which host.
 */
export function headlineOf(
  check: { checkId: string; subject: string; host?: string | null },
  outcome: { reason: string; headline?: string },
): string {
  if (check.host) return `${instanceName(check)}: ${outcome.reason}`;
  return outcome.headline ?? `${check.subject}: ${outcome.reason}`;
}

/** While failing, check again sooner: a third of the interval, at least 5 s, never slower than `every`. */
export function defaultFailingInterval(everyMs: number): number {
  return Math.min(everyMs, Math.max(5_000, Math.round(everyMs / 3)));
}

export function planChecks(
  workspace: Workspace,
  registry: KindRegistry,
): { checks: ScheduledCheck[]; problems: PlanProblem[] } {
  const checks: ScheduledCheck[] = [];
  const problems: PlanProblem[] = [];
  const allEnvironments = Object.keys(workspace.environments);
  for (const [service, config] of Object.entries(workspace.services)) {
    for (const check of config.health) {
      for (const environment of check.environments ?? config.environments ?? allEnvironments) {
        const key = checkKey(service, check.id, environment);
        const env = workspace.environments[environment];
        if (!env) {
          problems.push({ key, message: `${key}: no environment "${environment}" in the workspace` });
          continue;
        }
        for (const instance of instancesOf(workspace, service, environment, check)) {
          if ('problem' in instance) {
            problems.push({ key: instance.key, message: `${instance.key}: ${instance.problem}` });
            continue;
          }
          const planned = scheduled(instance, service, environment, env.hosts, registry);
          if ('ssh' in instance.config && planned.hosts.length === 0) {
            problems.push({
              key: instance.key,
              message: `${instance.key}: environment "${environment}" has no hosts to read metrics from`,
            });
            continue;
          }
          checks.push(planned);
        }
      }
    }
  }
  return { checks, problems };
}

function scheduled(
  instance: Instance,
  service: string,
  environment: string,
  envHosts: string[],
  registry: KindRegistry,
): ScheduledCheck {
  const { config, key, host } = instance;
  let subject: string;
  try {
    subject = kindFor(registry, config).subject(config);
  } catch {
    subject = config.id;
  }
  const named = 'ssh' in config && config.ssh.host ? [config.ssh.host] : envHosts;
  return {
    key,
    service,
    environment,
    checkId: config.id,
    kind: checkKindOf(config),
    config,
    subject,
    critical: config.critical,
    everyMs: config.every,
    everyFailingMs: config.everyFailing ?? defaultFailingInterval(config.every),
    timeoutMs: config.timeout,
    retries: config.retries,
    hosts: host === undefined ? named : [host],
    ...(host === undefined ? {} : { host }),
  };
}
