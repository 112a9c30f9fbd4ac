/**
 * A rollback drill's plan and preflight: where it runs, how it breaks the service, what it returns to, which checks
 * must notice — and every reason it must not start yet, each said with what to do. Reads only (the hosts through
 * the deploy engine, health through its capability); a failed item changes nothing.
 */
import { performance } from 'node:perf_hooks';
import { type DrillPlan, type PreflightItem, type WatchedCheck } from '../../shared/model/drills';
import { CockpitError } from '../../shared/rpc';
import { type RollbackDrillConfig } from '../../shared/workspace/drills';
import { type ServiceConfig, type Workspace } from '../../shared/workspace';
import { type Capabilities } from '../features/types';

export interface PreflightInput {
  service: string;
  environment?: string | undefined;
  confirmation?: string | undefined;
}

export interface PreflightContext {
  workspace: Workspace | null;
  capabilities: Capabilities;
  /** The drill running in this backend, if any ("service@env (id)"). */
  runningDrill: string | null;
  /** Deploy runs of this cockpit going on for the target. */
  deployRunsOn(service: string, environment: string): string[];
}

export interface Preflight {
  plan: DrillPlan;
  config: RollbackDrillConfig;
  /** The cockpit's own time reading hosts and health. */
  overheadMs: number;
}

/** A release id made by the deploy engine ends with its ref (`20261206T120000Z-v1.6.0`); a script's is the name. */
export function isRelease(releaseId: string | null, ref: string): boolean {
  if (releaseId === null) return false;
  if (releaseId === ref) return true;
  const match = /^\d{8}T\d{6}Z-(.+)$/.exec(releaseId);
  const safe = ref.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '');
  return match?.[1] === ref || match?.[1] === safe;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The environments a service runs in: its own list, else all of the workspace's. */
export function serviceEnvironments(workspace: Workspace, service: ServiceConfig): string[] {
  return service.environments ?? Object.keys(workspace.environments);
}

/** `drill.environment`, else `staging` when the service runs there, else its first unprotected environment. */
export function drillEnvironment(
  workspace: Workspace,
  service: ServiceConfig,
  config: RollbackDrillConfig,
): string | null {
  if (config.environment) return config.environment;
  const envs = serviceEnvironments(workspace, service);
  if (envs.includes('staging')) return 'staging';
  return envs.find((env) => workspace.environments[env]?.protected === false) ?? null;
}

/** The service's drill as declared, or a refusal that says what to add. */
export function declaredDrill(
  workspace: Workspace | null,
  serviceName: string,
): { workspace: Workspace; service: ServiceConfig; config: RollbackDrillConfig } {
  if (!workspace) {
    throw new CockpitError('INVALID_WORKSPACE', 'No workspace is open: open a cockpit.yaml to run a rollback drill.');
  }
  const service = workspace.services[serviceName];
  if (!service) {
    throw new CockpitError(
      'NOT_FOUND',
      `There is no service "${serviceName}" in the workspace. Check the name on the Drills screen or in cockpit.yaml.`,
    );
  }
  if (!service.drill) {
    throw new CockpitError(
      'BAD_REQUEST',
      `${serviceName} has no rollback drill declared. Add \`drill: { breakRelease: <a broken release> }\` (or \`break:\` with \`heal:\`) to ${serviceName} in cockpit.yaml.`,
    );
  }
  return { workspace, service, config: service.drill };
}

/** The checks the drill watches: `watch`, else the critical ones, else all. Missing ids are returned apart. */
export function watchedChecks(
  available: WatchedCheck[],
  watch: string[] | undefined,
): { checks: WatchedCheck[]; missing: string[] } {
  if (watch && watch.length > 0) {
    const byId = new Map(available.map((c) => [c.checkId, c]));
    return {
      checks: watch.flatMap((id) => {
        const check = byId.get(id);
        return check ? [check] : [];
      }),
      missing: watch.filter((id) => !byId.has(id)),
    };
  }
  const critical = available.filter((c) => c.critical);
  return { checks: critical.length > 0 ? critical : available, missing: [] };
}

export async function preflight(input: PreflightInput, ctx: PreflightContext): Promise<Preflight> {
  const t0 = performance.now();
  const { workspace, service, config } = declaredDrill(ctx.workspace, input.service);
  const environment = input.environment ?? drillEnvironment(workspace, service, config);
  if (!environment) {
    throw new CockpitError(
      'BAD_REQUEST',
      `${input.service} has no environment to practise in: every one it runs in is protected. Set \`drill.environment\` (e.g. staging) in cockpit.yaml, or pass one.`,
    );
  }
  const env = workspace.environments[environment];
  if (!env || !serviceEnvironments(workspace, service).includes(environment)) {
    throw new CockpitError(
      'NOT_FOUND',
      `${input.service} does not run in an environment named "${environment}". Pick one of: ${serviceEnvironments(workspace, service).join(', ') || 'none declared'}.`,
    );
  }
  const target = { service: input.service, environment };
  const method: DrillPlan['method'] = config.breakRelease !== undefined ? 'release' : 'command';
  const items: PreflightItem[] = [];
  const deploys = ctx.capabilities.deploys;

  // environment
  if (!env.protected) {
    items.push({ id: 'environment', ok: true, detail: `${environment} is not protected` });
  } else if (input.confirmation?.trim() === environment) {
    items.push({ id: 'environment', ok: true, detail: `${environment} is protected; its name was typed to confirm` });
  } else {
    items.push({
      id: 'environment',
      ok: false,
      detail: `${environment} is protected: type "${environment}" to confirm a drill there (it breaks the service on purpose)`,
    });
  }

  // What each host runs now, and what a rollback sees (lock, evidence about the current release).
  let current: Array<{ host: string; release: string | null }> = env.hosts.map((host) => ({ host, release: null }));
  let currentError: string | null = null;
  if (service.deploy) {
    try {
      current = await deploys.currentByHost(target);
    } catch (error) {
      currentError = message(error);
    }
  }
  let options: Awaited<ReturnType<typeof deploys.rollbackOptions>> | null = null;
  let optionsError: string | null = null;
  if (service.deploy) {
    try {
      options = await deploys.rollbackOptions(target);
    } catch (error) {
      optionsError = message(error);
    }
  }

  // release-to-return-to
  const releases = [...new Set(current.map((c) => c.release))];
  const only = releases.length === 1 ? (releases[0] ?? null) : null;
  if (method === 'command') {
    items.push({
      id: 'release-to-return-to',
      ok: true,
      detail: `the heal command restores the service${only ? ` (every host runs ${only} now)` : ''}`,
    });
  } else if (!service.deploy) {
    items.push({
      id: 'release-to-return-to',
      ok: false,
      detail: `${input.service} has no \`deploy:\`, so a broken release cannot be deployed and rolled back; declare one, or use \`break:\` and \`heal:\``,
    });
  } else if (currentError !== null) {
    items.push({
      id: 'release-to-return-to',
      ok: false,
      detail: `could not read what each host of ${environment} runs: ${currentError}. Check the hosts are reachable, then try again`,
    });
  } else if (current.length === 0) {
    items.push({ id: 'release-to-return-to', ok: false, detail: `${environment} has no hosts` });
  } else if (current.some((c) => c.release === null)) {
    const none = current.filter((c) => c.release === null).map((c) => c.host);
    items.push({
      id: 'release-to-return-to',
      ok: false,
      detail: `${none.join(', ')} ${none.length === 1 ? 'runs' : 'run'} no release yet: deploy a good release to ${environment} first`,
    });
  } else if (only === null) {
    items.push({
      id: 'release-to-return-to',
      ok: false,
      detail: `the hosts run different releases (${current.map((c) => `${c.host}: ${c.release ?? 'none'}`).join(', ')}): deploy one good release everywhere first`,
    });
  } else if (config.breakRelease !== undefined && isRelease(only, config.breakRelease)) {
    items.push({
      id: 'release-to-return-to',
      ok: false,
      detail: `every host already runs the broken release ${config.breakRelease}: roll back to a good release first`,
    });
  } else if (
    options?.markEvidence?.release === only &&
    options.markEvidence.kind === 'failing-after' &&
    // A blip long gone does not make the release unhealthy: only a release failing now does.
    ctx.capabilities.healthOf(input.service, environment).status?.status !== 'up'
  ) {
    items.push({
      id: 'release-to-return-to',
      ok: false,
      detail: `${only} is not healthy (${options.markEvidence.line}): the drill needs a healthy release to return to`,
    });
  } else {
    items.push({
      id: 'release-to-return-to',
      ok: true,
      detail: `${current.length === 1 ? (current[0]?.host ?? '') : `all ${current.length} hosts`} ${current.length === 1 ? 'runs' : 'run'} ${only}: the drill returns to it`,
    });
  }

  // health-green
  const health = ctx.capabilities.healthOf(input.service, environment);
  const status = health.status;
  if (status?.status === 'up') {
    items.push({ id: 'health-green', ok: true, detail: `${input.service} is up in ${environment} (${status.reason})` });
  } else {
    items.push({
      id: 'health-green',
      ok: false,
      detail: status
        ? `${input.service} is ${status.status} in ${environment} (${status.reason}): a drill starts from a healthy service, so wait for it to recover`
        : `${input.service} has no health checks running in ${environment}: declare checks (the drill measures how fast they notice) and wait for a first result`,
    });
  }

  // no-lock
  const runs = ctx.deployRunsOn(input.service, environment);
  if (runs.length > 0) {
    items.push({
      id: 'no-lock',
      ok: false,
      detail: `a deploy of ${input.service} to ${environment} is running (run ${runs.join(', ')}): wait for it to end`,
    });
  } else if (options?.lockedBy) {
    items.push({
      id: 'no-lock',
      ok: false,
      detail: `the deploy lock is held: ${options.lockedBy}. Wait for it to be released (Deploys screen), then try again`,
    });
  } else if (optionsError !== null && method === 'release') {
    items.push({ id: 'no-lock', ok: false, detail: `could not read the deploy lock: ${optionsError}` });
  } else {
    items.push({ id: 'no-lock', ok: true, detail: 'no deploy lock is held and no deploy is running' });
  }

  // checks-exist
  const watched = watchedChecks(health.checks, config.watch);
  if (watched.missing.length > 0) {
    items.push({
      id: 'checks-exist',
      ok: false,
      detail: `${watched.missing.join(', ')} ${watched.missing.length === 1 ? 'is' : 'are'} not a health check of ${input.service} in ${environment}: fix \`drill.watch\` in cockpit.yaml`,
    });
  } else if (watched.checks.length === 0) {
    items.push({
      id: 'checks-exist',
      ok: false,
      detail: `${input.service} has no health checks in ${environment}: add one that the failure should trip`,
    });
  } else {
    items.push({
      id: 'checks-exist',
      ok: true,
      detail: `watching ${watched.checks.map((c) => c.checkId).join(', ')}`,
    });
  }

  // break-ready
  if (method === 'command') {
    const ready = config.break !== undefined && config.heal !== undefined && env.hosts.length > 0;
    items.push({
      id: 'break-ready',
      ok: ready,
      detail: ready
        ? `\`${config.break ?? ''}\` breaks it on ${env.hosts.join(', ')}; \`${config.heal ?? ''}\` heals it`
        : env.hosts.length === 0
          ? `${environment} has no hosts to run the break command on`
          : 'a `break:` command needs its `heal:` command in cockpit.yaml',
    });
  } else if (service.deploy?.strategy === 'script') {
    items.push({
      id: 'break-ready',
      ok: true,
      detail: `the deploy script is given the release name ${config.breakRelease ?? ''}`,
    });
  } else if (service.deploy) {
    const wanted = config.breakRelease ?? '';
    try {
      const sources = await deploys.sources(target);
      const found = sources.choices.find((c) => c.label === wanted || c.id === wanted || c.release.ref === wanted);
      items.push(
        found
          ? { id: 'break-ready', ok: true, detail: `the broken release ${wanted} is ready to deploy` }
          : {
              id: 'break-ready',
              ok: false,
              detail: `the broken release ${wanted} is not among what can be deployed for ${input.service}${sources.note ? ` (${sources.note})` : ''}: put it in the artifacts folder`,
            },
      );
    } catch (error) {
      items.push({
        id: 'break-ready',
        ok: false,
        detail: `could not list what can be deployed for ${input.service}: ${message(error)}`,
      });
    }
  } else {
    items.push({
      id: 'break-ready',
      ok: false,
      detail: `${input.service} has no \`deploy:\` to deploy ${config.breakRelease ?? ''}`,
    });
  }

  // idle
  items.push(
    ctx.runningDrill
      ? {
          id: 'idle',
          ok: false,
          detail: `another rollback drill is running (${ctx.runningDrill}): wait for it to end, or cancel it`,
        }
      : { id: 'idle', ok: true, detail: 'no other drill is running' },
  );

  const plan: DrillPlan = {
    service: input.service,
    environment,
    protected: env.protected,
    method,
    breakRelease: config.breakRelease ?? null,
    breakCommand: config.break ?? null,
    healCommand: config.heal ?? null,
    hosts: current.length > 0 ? current.map((c) => c.host) : env.hosts,
    returnTo: current.map((c) => ({ host: c.host, release: c.release })),
    watch: watched.checks.map(({ checkId, critical, everyMs, everyFailingMs, retries, timeoutMs }) => ({
      checkId,
      critical,
      everyMs,
      everyFailingMs,
      retries,
      timeoutMs,
    })),
    passes: config.passes,
    targets: { detectMs: config.targets.detect, recoverMs: config.targets.recover },
    detectTimeoutMs: config.detectTimeout,
    notify: config.notify,
    items,
    ready: items.every((i) => i.ok),
  };
  return { plan, config, overheadMs: Math.round(performance.now() - t0) };
}

/** Why a drill may not start, in one message naming every failed item. */
export function refusalOf(plan: DrillPlan): { code: 'FORBIDDEN' | 'CONFLICT'; message: string } {
  const failed = plan.items.filter((i) => !i.ok);
  const code = failed.some((i) => i.id === 'environment') ? 'FORBIDDEN' : 'CONFLICT';
  return {
    code,
    message: `The rollback drill of ${plan.service} on ${plan.environment} cannot start, and nothing was changed: ${failed.map((i) => i.detail).join('; ')}.`,
  };
}
