/**
 * From the workspace file to the list of things to watch: one scheduled check per service × check ×
 * environment, with `${vars}` filled in and timing settled. Problems (an unknown environment, an undefined
 * variable, an ssh check in an environment without hosts) are reported in words and that check is left out.
 */
import { type Workspace } from '../../shared/workspace';
import { type CheckKindName, type HealthCheckConfig, checkKindOf } from '../../shared/workspace/health';
import { type KindRegistry, kindFor } from './registry';
import { substituteVars } from './vars';

export interface ScheduledCheck {
  /** `service/check@environment`: stable across reloads while the three names stay. */
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
}

export function matchesFilter(check: Pick<ScheduledCheck, 'service' | 'environment' | 'checkId'>, f: CheckFilter) {
  return (
    (f.service === undefined || check.service === f.service) &&
    (f.environment === undefined || check.environment === f.environment) &&
    (f.checkId === undefined || check.checkId === f.checkId)
  );
}

export function checkKey(service: string, checkId: string, environment: string): string {
  return `${service}/${checkId}@${environment}`;
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
        const vars = { environment, service, ...env.vars };
        const { value, missing } = substituteVars(check, vars);
        if (missing.length > 0) {
          const names = missing.map((m) => '${' + m + '}').join(', ');
          problems.push({ key, message: `${key}: ${names} not defined in environment "${environment}"` });
          continue;
        }
        const badUrl = urlsOf(value).find((url) => !isHttpUrl(url));
        if (badUrl !== undefined) {
          problems.push({
            key,
            message: `${key}: "${badUrl}" is not an http(s) URL (in environment "${environment}")`,
          });
          continue;
        }
        const planned = scheduled(key, service, environment, value, env.hosts, registry);
        if ('ssh' in value && planned.hosts.length === 0) {
          problems.push({ key, message: `${key}: environment "${environment}" has no hosts to read metrics from` });
          continue;
        }
        checks.push(planned);
      }
    }
  }
  return { checks, problems };
}

function urlsOf(check: HealthCheckConfig): string[] {
  if ('http' in check) return [check.http];
  if ('prometheus' in check) return ['query' in check.prometheus ? check.prometheus.server : check.prometheus.scrape];
  return [];
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

function scheduled(
  key: string,
  service: string,
  environment: string,
  config: HealthCheckConfig,
  envHosts: string[],
  registry: KindRegistry,
): ScheduledCheck {
  let subject: string;
  try {
    subject = kindFor(registry, config).subject(config);
  } catch {
    subject = config.id;
  }
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
    hosts: 'ssh' in config && config.ssh.host ? [config.ssh.host] : envHosts,
  };
}
