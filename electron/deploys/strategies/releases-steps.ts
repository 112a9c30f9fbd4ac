/**
 * The `releases` strategy's steps, built for one host: inspect, upload, link shared, hooks, switch, restart,
 * health gate, markers. Each is a runbook step (so it is timed, cancellable, journaled and shown live).
 */
import { type DeployConfig } from '../../../shared/workspace';
import { fillPlaceholders } from '../../remote/quote';
import { type HealthGateStep, type Step, type TaskStep } from '../../runbooks/types';
import {
  type HostLayout,
  inspectScript,
  markBadScript,
  markGoodScript,
  parseInspect,
  pruneScript,
  switchScript,
} from '../layout';
import { type DeployTarget } from '../target';

export type ReleasesConfig = Extract<DeployConfig, { strategy: 'releases' }>;

export function inspectStep(
  target: DeployTarget,
  host: string,
  create: boolean,
  into: Map<string, HostLayout>,
): TaskStep {
  const config = target.config as ReleasesConfig;
  return {
    kind: 'task',
    id: 'inspect',
    title: 'Read the releases on the host',
    timeoutMs: 60_000,
    run: async (ctx) => {
      const result = await ctx.exec(inspectScript(config.path, { create }));
      const layout = parseInspect(host, result.stdout);
      into.set(host, layout);
      return `current: ${layout.current ?? 'none'}, ${layout.releases.length} releases`;
    },
  };
}

/** Variables a hook or restart command sees, and the `${placeholders}` it may use (values quoted). */
export function hookContext(
  target: DeployTarget,
  host: string,
  release: string,
  previous: string | null,
  base: string,
  actor: string,
) {
  const env: Record<string, string> = {
    COCKPIT_SERVICE: target.service,
    COCKPIT_ENVIRONMENT: target.environment,
    COCKPIT_HOST: host,
    COCKPIT_RELEASE: release,
    COCKPIT_RELEASE_DIR: `${base}/releases/${release}`,
    COCKPIT_PREVIOUS_RELEASE: previous ?? '',
    COCKPIT_BASE: base,
    COCKPIT_ACTOR: actor,
  };
  const placeholders: Record<string, string> = {
    ...target.env.vars,
    service: target.service,
    environment: target.environment,
    env: target.environment,
    host,
    release,
    previous: previous ?? '',
  };
  return { env, fill: (command: string) => fillPlaceholders(command, placeholders) };
}

export function switchStep(
  base: string,
  release: string,
  id = 'switch',
  title = `Switch current to ${release}`,
): TaskStep {
  const command = switchScript(base, release);
  return {
    kind: 'task',
    id,
    title,
    command: `ln -sfn releases/${release} current.tmp && mv -T current.tmp current`,
    timeoutMs: 60_000,
    run: async (ctx) => {
      await ctx.exec(command);
      return `current → releases/${release}`;
    },
  };
}

export function commandStep(
  id: string,
  title: string,
  command: string,
  cwd: string,
  env: Record<string, string>,
): Step {
  return { kind: 'run', id, title, command, cwd, env };
}

export function gateStep(
  target: DeployTarget,
  host: string,
  intervalMs: number | undefined,
  id = 'gate',
): HealthGateStep {
  const config = target.config;
  return {
    kind: 'health-gate',
    id,
    title: `Health gate: ${config.gate.join(', ')}`,
    target: { service: target.service, environment: target.environment, host },
    checks: config.gate,
    timeoutMs: config.gateTimeout,
    intervalMs,
  };
}

export function markerStep(id: string, title: string, command: string): TaskStep {
  return {
    kind: 'task',
    id,
    title,
    timeoutMs: 60_000,
    run: async (ctx) => {
      await ctx.exec(command);
    },
  };
}

export const markBadStep = (base: string, release: string, at: string, reason: string) =>
  markerStep('mark-bad', `Mark ${release} BAD_RELEASE`, markBadScript(base, release, at, reason));

export const markGoodStep = (base: string, release: string, at: string) =>
  markerStep('mark-good', `Mark ${release} healthy`, markGoodScript(base, release, at));

export const pruneStep = (base: string, ids: readonly string[]) =>
  markerStep(
    'retention',
    `Remove ${ids.length} old release${ids.length === 1 ? '' : 's'}: ${ids.join(', ')}`,
    pruneScript(base, ids),
  );
