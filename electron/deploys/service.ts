/**
 * The deploy service: plan, deploy, rollback, history, locks and DORA figures for a service in an environment.
 * The contract handlers (phase 2) and the CLI call exactly this; it never knows whether a host is reached over
 * SSH or locally, and it reports through the journal (everything) and `emit` (live events).
 */
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { type z } from 'zod';
import { type DeploySources, type RollbackOptions } from '../../shared/api/deploys';
import {
  type DeployHistory,
  type DeployInput,
  type DeployOutcome,
  type DeployPlan,
  type ClearMarkInput,
  type DoraFigures,
  type LockStatus,
  type PlanUpload,
  type ReleaseLockInput,
  type RollbackInput,
  type RunEvent,
  type TargetInput,
  clearMarkInputSchema,
  deployInputSchema,
  releaseLockInputSchema,
  rollbackInputSchema,
  targetInputSchema,
} from '../../shared/model/deploys';
import { CockpitError } from '../../shared/rpc';
import { type Workspace } from '../../shared/workspace';
import { type Journal } from '../journal/types';
import { createLocalTransport } from '../remote/local';
import { type Transport } from '../remote/types';
import { type CheckHealth, type ConfirmAsk, type Step } from '../runbooks/types';
import { artifactsDir, listArtifacts, resolveRelease } from './artifacts';
import { deploySources, rollbackOptions } from './choices';
import { clearMarkOnHosts } from './clear-mark';
import { journaledRuns } from './live-windows';
import { type AskHealthEvidence, markEvidence } from './mark-evidence';
import { commonCurrent, mergeReleases } from './release-views';
import { resolveCommit } from './git';
import { GitCheckout, folderInRepo, gitSourceFor } from './git-release';
import { collectHostLayouts } from './host-layouts';
import { journalRecords, mergeHistory } from './history';
import { describeHolder, forceReleaseLock, readLock, releaseOwnLock } from './lock';
import { auditScript } from './layout';
import { removePracticeRelease } from './practice-release';
import { type MachineView, staleReason, thisMachine } from './stale-lock';
import { buildDeployPlan } from './plan';
import { isSafeReleaseName, unsafeReleaseMessage } from './placeholders';
import { makeReleaseId, parseReleaseId } from './release-id';
import { DeployRun, type RunControl, type RunDeps } from './run';
import {
  type ReleasePayload,
  checkNamedUploads,
  collectReleasePayload,
  requireDeclaredRelease,
  uploadFrom,
} from './sources';
import { LOCAL_HOST, deployReleases } from './strategies/releases-deploy';
import { rollbackReleases } from './strategies/releases-rollback';
import { type ReleasesConfig } from './strategies/releases-steps';
import { deployScript, rollbackScript } from './strategies/script';
import { type DeployTarget, type HostChoice, checkConfirmation, chooseHosts, lockBase, resolveTarget } from './target';

export interface DeployServiceDeps {
  /** The open workspace and the directory of its file (build dirs are relative to it). */
  workspace: () => { workspace: Workspace; dir: string } | null;
  journal: Journal;
  transports: (host: string) => Transport;
  checkHealth: CheckHealth;
  emit: (event: RunEvent) => void;
  confirm?: ConfirmAsk;
  now?: () => Date;
  /** Who acts; default the OS user (the CLI passes `cli:<user>`). */
  actor?: string;
  gateIntervalMs?: number;
  /** Where a git ref's commit is exported for its build (default: the OS temp folder). */
  scratchDir?: string;
  /**
   * Asks the health history whether a service started failing after a release went live (the rollback's
   * mark-bad default). Without it (a bare service) a rollback marks the release it leaves, as it always did.
   */
  healthEvidence?: AskHealthEvidence;
  /** The cockpit's data folder, never uploaded in a release (one is also recognised by its journal.db). */
  dataDir?: string;
  /** Tests: this machine as stale-lock detection sees it (default: the real one). */
  machineView?: () => MachineView;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Told the run id once the run exists (journaled), before any host is touched. */
  onRun?: (runId: string, control: RunControl) => void;
  /**
   * A rollback drill's run: journaled with `data.practice`, audited as `practice-deploy` / `practice-rollback`, and
   * it never judges a release — a practice deploy skips the gate (the failure must reach the hosts) with its
   * automatic rollback, and no practice run writes a good or BAD_RELEASE mark or applies retention.
   */
  practice?: { drillId: string };
}

/** What `removeRelease` did: the hosts it removed the release from, and why it could not elsewhere. */
export interface RemovedRelease {
  removedOn: string[];
  problems: string[];
}

export interface DeployService {
  plan(input: DeployInput): Promise<DeployPlan>;
  deploy(input: DeployInput, options?: RunOptions): Promise<DeployOutcome>;
  rollback(input: RollbackInput, options?: RunOptions): Promise<DeployOutcome>;
  history(input: TargetInput): Promise<DeployHistory>;
  lockStatus(input: TargetInput): Promise<LockStatus>;
  releaseLock(input: ReleaseLockInput): Promise<LockStatus>;
  dora(input: TargetInput): Promise<DoraFigures>;
  /** What can be deployed for a service (its artifacts folder, its build). */
  sources(input: { service: string }): Promise<DeploySources>;
  /** Where a rollback can go, the default first, with the evidence about the release it would leave. */
  rollbackOptions(input: TargetInput): Promise<RollbackOptions>;
  /** Removes a BAD_RELEASE mark on every host that has it; journaled with the reason, audited on each host. */
  clearMark(input: ClearMarkInput): Promise<{ release: string; clearedOn: string[]; problems: string[] }>;
  /** What each host runs now (read from the hosts, like the history, without the rest of it). */
  currentByHost(input: TargetInput): Promise<Array<{ host: string; release: string | null }>>;
  /** Removes a drill's practice release directory on every host where it is not current; journaled and audited. */
  removeRelease(input: TargetInput & { release: string; practice: { drillId: string } }): Promise<RemovedRelease>;
}

const sourcesInputSchema = targetInputSchema.partial({ environment: true });

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const message = result.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
  throw new CockpitError('BAD_REQUEST', message, { issues: result.error.issues });
}

export function createDeployService(deps: DeployServiceDeps): DeployService {
  const now = deps.now ?? (() => new Date());
  const actor = deps.actor ?? userInfo().username;
  const local = createLocalTransport({ host: LOCAL_HOST });
  const transports = (host: string) => (host === LOCAL_HOST ? local : deps.transports(host));
  const machineView = deps.machineView ?? thisMachine;
  /** A strategy that throws still ends its run: journal closed, locks released. */
  async function ended<T>(run: DeployRun, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      await run.abandon(error);
      throw error;
    }
  }
  /** The chosen hosts (a host that is down left out), with the skipped ones and the reason for the journal. */
  function narrowed(t: DeployTarget, input: HostChoice) {
    const { target: chosen, skipped } = chooseHosts(t, input);
    const data = {
      ...(skipped.length > 0 ? { skippedHosts: skipped, skipReason: input.reason ?? null } : {}),
      ...(input.batch !== undefined ? { batch: input.batch } : {}),
    };
    return { t: chosen, data };
  }
  const runDeps: RunDeps = {
    journal: deps.journal,
    transports,
    checkHealth: deps.checkHealth,
    emit: deps.emit,
    confirm: deps.confirm,
    now,
    actor,
    machine: hostname(),
    gateIntervalMs: deps.gateIntervalMs,
  };

  function open(): { workspace: Workspace; dir: string } {
    const current = deps.workspace();
    if (!current) throw new CockpitError('INVALID_WORKSPACE', 'No workspace is open.');
    return current;
  }

  function target(service: string, environment: string): { target: DeployTarget; dir: string } {
    const { workspace, dir } = open();
    return { target: resolveTarget(workspace, service, environment), dir };
  }

  /**
   * A ref naming a ready-made release (the artifacts folder) ships that release; a ref of the workspace's git
   * repository builds that commit (`git`); else the build or the given dir, the ref only naming the release.
   */
  async function resolve(t: DeployTarget, dir: string, release: DeployInput['release']) {
    const resolved = await resolveRelease(dir, t.config, release ?? {});
    if (t.config.strategy === 'releases') {
      // Before anything runs or is journaled: a release must say what it contains, and never name a key.
      requireDeclaredRelease(t.service, t.config, resolved.release);
      if (!resolved.artifact && !resolved.release.artifact) checkNamedUploads(t.config);
    }
    const git =
      t.config.strategy === 'releases' ? await gitSourceFor(dir, resolved.release, resolved.artifact !== null) : null;
    // A build folder outside the repository would build files that are not the commit: say so before anything runs.
    if (git && t.config.strategy === 'releases') folderInRepo(git.repo, t.config.build?.dir ?? '.');
    return { ...resolved, git };
  }

  async function payloadFor(
    t: DeployTarget,
    dir: string,
    resolved: Awaited<ReturnType<typeof resolve>>,
  ): Promise<ReleasePayload> {
    return collectReleasePayload({
      workspaceDir: dir,
      config: effectiveConfig(t.config as ReleasesConfig, resolved),
      source: resolved.release,
      dataDir: deps.dataDir ?? null,
      service: t.service,
    });
  }

  /** An artifact folder is shipped whole: build.upload describes the build's output, not a finished release. */
  function effectiveConfig(config: ReleasesConfig, resolved: Awaited<ReturnType<typeof resolve>>): ReleasesConfig {
    return resolved.artifact ? { ...config, build: undefined } : config;
  }

  /** The plan's upload line: counted now when the files exist, else only where they will come from. */
  function plannedUpload(
    t: DeployTarget,
    dir: string,
    resolved: Awaited<ReturnType<typeof resolve>>,
    payload: ReleasePayload | null,
  ): PlanUpload | null {
    if (t.config.strategy !== 'releases') return null;
    const from = uploadFrom(dir, effectiveConfig(t.config, resolved), resolved.release);
    if (!payload) return { kind: 'files', from, files: null, bytes: null, excluded: [] };
    return {
      kind: payload.kind,
      from,
      files: payload.kind === 'files' ? payload.files.length : null,
      bytes: payload.totalBytes,
      excluded: payload.excluded,
    };
  }

  function releaseIdFor(t: DeployTarget, ref: string | undefined, payload: ReleasePayload | null, at: Date): string {
    if (t.config.strategy === 'script') {
      if (!ref)
        throw new CockpitError(
          'BAD_REQUEST',
          `${t.service} deploys with a script: say which release to deploy (--release REF).`,
        );
      // The engine boundary: the name goes into the team's commands, so it is held to a charset the shell cannot
      // read as code whatever quotes the command puts around it.
      if (!isSafeReleaseName(ref)) throw new CockpitError('BAD_REQUEST', unsafeReleaseMessage(ref));
      return ref;
    }
    return makeReleaseId(at, ref ?? payload?.contentHash ?? 'release');
  }

  /** `dir`: the workspace folder the build runs in (an exported commit's, for a git ref). */
  function buildStep(
    t: DeployTarget,
    dir: string,
    release: DeployInput['release'],
    env?: Record<string, string>,
  ): Step | undefined {
    const config = t.config as ReleasesConfig;
    if (!config.build?.run || release?.dir || release?.artifact) return undefined;
    return {
      kind: 'run',
      id: 'build',
      title: 'Build locally',
      command: config.build.run,
      cwd: join(dir, config.build.dir),
      ...(env ? { env } : {}),
    };
  }

  return {
    async plan(raw) {
      const input = parse(deployInputSchema, raw);
      const { target: all, dir } = target(input.service, input.environment);
      // The plan shows the chosen hosts and batch; the reason a skip needs is asked for when the run starts.
      const { t } = narrowed(all, { ...input, reason: 'plan' });
      const resolved = await resolve(t, dir, input.release);
      // Resolved again when the deploy runs (a branch may move): the plan shows what it names now.
      const commit = resolved.git ? await resolveCommit(resolved.git.repo, resolved.git.ref) : null;
      const build = buildStep(t, dir, resolved.release);
      let payload: ReleasePayload | null = null;
      if (t.config.strategy === 'releases' && !build && !commit) payload = await payloadFor(t, dir, resolved);
      return buildDeployPlan(
        t,
        releaseIdFor(t, commit ?? input.release.ref, payload, now()),
        input.release.ref ?? null,
        {
          build: build !== undefined,
          commit,
          upload: plannedUpload(t, dir, resolved, payload),
        },
      );
    },

    async deploy(raw, options = {}) {
      const input = parse(deployInputSchema, raw);
      const { target: all, dir } = target(input.service, input.environment);
      checkConfirmation(all, input.confirmation, 'deploy');
      const { t, data: choice } = narrowed(all, input);
      const resolved = await resolve(t, dir, input.release);
      const at = now();
      const isScript = t.config.strategy === 'script';
      const run = new DeployRun(runDeps, {
        kind: 'deploy',
        target: t,
        releaseId: isScript ? releaseIdFor(t, input.release.ref, null, at) : null,
        title: `Deploy ${t.service} to ${t.environment}${practiceTitle(options)}`,
        reason: input.reason ?? null,
        ...practiceSpec(options),
        data: {
          ...practiceData(options),
          strategy: t.config.strategy,
          ref: input.release.ref ?? null,
          source: input.release,
          artifact: resolved.artifact?.name ?? null,
          // The ref is resolved in the run's first step; the commit is journaled with the release it names.
          repository: resolved.git?.repo.top ?? null,
          ...choice,
        },
        signal: options.signal,
        onRun: options.onRun,
      });
      if (isScript) return ended(run, () => deployScript(run, deps.gateIntervalMs));
      const checkout = resolved.git ? new GitCheckout(resolved.git, deps.scratchDir) : null;
      try {
        return await ended(run, () =>
          deployReleases(run, {
            local: checkout?.steps() ?? [],
            build: () =>
              checkout
                ? buildStep(t, checkout.workspaceDir, resolved.release, checkout.env())
                : buildStep(t, dir, resolved.release),
            collect: () => payloadFor(t, checkout?.workspaceDir ?? dir, resolved),
            releaseIdFor: (payload) => releaseIdFor(t, checkout?.sha ?? input.release.ref, payload, at),
            describe: () => (checkout ? { ref: checkout.ref, commit: checkout.sha } : {}),
            gateIntervalMs: deps.gateIntervalMs,
          }),
        );
      } finally {
        await checkout?.cleanup();
      }
    },

    async rollback(raw, options = {}) {
      const input = parse(rollbackInputSchema, raw);
      const { target: all } = target(input.service, input.environment);
      checkConfirmation(all, input.confirmation, 'rollback');
      const { t, data: choice } = narrowed(all, input);
      if (input.to !== undefined && !isSafeReleaseName(input.to)) {
        throw new CockpitError('BAD_REQUEST', unsafeReleaseMessage(input.to));
      }
      const run = new DeployRun(runDeps, {
        kind: 'rollback',
        target: t,
        releaseId: input.to ?? null,
        // The release's short name ("v1.4.0"), not its dated id: the title is what lists and dialogs show.
        title: `Roll back ${t.service} in ${t.environment}${input.to ? ` to ${parseReleaseId(input.to).ref ?? input.to}` : ''}${practiceTitle(options)}`,
        reason: input.reason ?? null,
        ...practiceSpec(options),
        data: { ...practiceData(options), strategy: t.config.strategy, to: input.to ?? null, ...choice },
        signal: options.signal,
        onRun: options.onRun,
      });
      if (t.config.strategy === 'script') return ended(run, () => rollbackScript(run, input.to, deps.gateIntervalMs));
      // A drill's rollback proves recovery, not guilt: the practice release is never marked, whatever the evidence.
      if (options.practice)
        return ended(run, () => rollbackReleases(run, input.to, deps.gateIntervalMs, { markBad: false }));
      const ask = deps.healthEvidence;
      return ended(run, () =>
        rollbackReleases(run, input.to, deps.gateIntervalMs, {
          // Without a health history to ask, the old rule stands: the release rolled away from is marked.
          markBad: input.markBad ?? (ask ? undefined : true),
          ...(ask
            ? {
                evidence: (left) =>
                  markEvidence(ask, t, left, journaledRuns(deps.journal, t.service, t.environment), now()),
              }
            : {}),
        }),
      );
    },

    async history(raw) {
      const input = parse(targetInputSchema, raw);
      const { target: t } = target(input.service, input.environment);
      const { layouts, unreachable } = await collectHostLayouts(t, transports);
      return mergeHistory({
        service: t.service,
        environment: t.environment,
        hosts: t.hosts,
        journal: journalRecords(deps.journal, t.service, t.environment),
        layouts,
        unreachable,
        now: now(),
      });
    },

    async lockStatus(raw) {
      const input = parse(targetInputSchema, raw);
      const { target: t } = target(input.service, input.environment);
      return readLocks(t, transports, machineView());
    },

    async releaseLock(raw) {
      const input = parse(releaseLockInputSchema, raw);
      const { target: t } = target(input.service, input.environment);
      const status = await readLocks(t, transports, machineView());
      const held = status.hosts.filter((h) => h.held);
      if (held.length === 0) return status;
      if (input.stale) {
        const live = held.filter((h) => !h.stale);
        if (live.length > 0) {
          throw new CockpitError(
            'CONFLICT',
            `The lock is not stale: ${live.map((h) => describeHolder(h.host, h.info)).join('; ')}. Its run may still be going; wait for it, or force-release it (--force) only if you know that run is gone.`,
            { locks: live },
          );
        }
      }
      const others = held.filter((h) => h.info?.who !== actor);
      if (others.length > 0 && !input.force && !input.stale) {
        throw new CockpitError(
          'CONFLICT',
          `The lock is held by someone else: ${others.map((h) => describeHolder(h.host, h.info)).join('; ')}. Force-release it only if that run is gone.`,
          { locks: others },
        );
      }
      const handle = deps.journal.begin({
        kind: 'deploy.lock.release',
        title: `${input.stale ? 'Release the stale' : input.force ? 'Force-release the' : 'Release the'} deploy lock of ${t.service}@${t.environment}`,
        target: `${t.service}@${t.environment}`,
        actor,
        data: { reason: input.reason, force: input.force, stale: input.stale, locks: held },
      });
      // Every release that is not a run freeing its own lock leaves a line in the host's audit log: who, why.
      const audited = input.force || input.stale;
      const auditResult = `${input.stale ? 'stale' : 'forced'}: ${input.reason}`;
      const base = lockBase(t);
      const problems: string[] = [];
      await Promise.all(
        held.map(async (h) => {
          const exec = (cmd: string) => transports(h.host).exec(cmd, { timeoutMs: 15_000 });
          try {
            if (input.force || input.stale) await forceReleaseLock(exec, base);
            else if (h.info?.token) await releaseOwnLock(exec, base, h.info.token);
            else await forceReleaseLock(exec, base);
            handle.step(`Released the lock on ${h.host} (was: ${describeHolder(h.host, h.info)})`, { host: h.host });
            if (audited) {
              const entry = {
                at: now().toISOString(),
                actor,
                action: 'lock-release',
                release: '-',
                result: auditResult,
              };
              const r = await exec(auditScript(base, { ...entry, runId: handle.id }));
              if (r.exitCode !== 0) {
                handle.step(
                  `Could not append to the audit log on ${h.host}: ${r.stderr.trim() || `exit ${r.exitCode}`}`,
                  {
                    host: h.host,
                    ok: false,
                  },
                );
              }
            }
          } catch (error) {
            problems.push(`${h.host}: ${(error as Error).message}`);
          }
        }),
      );
      if (problems.length > 0) handle.fail(`Could not release every lock: ${problems.join('; ')}`);
      else handle.succeed(`Released the lock on ${held.map((h) => h.host).join(', ')}: ${input.reason}`);
      return readLocks(t, transports, machineView());
    },

    async dora(raw) {
      return (await this.history(raw)).dora;
    },

    async sources(raw) {
      const input = parse(sourcesInputSchema, raw);
      const { workspace, dir } = open();
      const config = workspace.services[input.service]?.deploy;
      if (!config) {
        throw new CockpitError(
          workspace.services[input.service] ? 'BAD_REQUEST' : 'NOT_FOUND',
          workspace.services[input.service]
            ? `Service "${input.service}" has no deploy: section, so it cannot be deployed.`
            : `There is no service "${input.service}" in ${workspace.name}.`,
        );
      }
      // With an environment, each choice says what its hosts know about it (bad, failed gate, …).
      let releases;
      if (input.environment && config.strategy === 'releases') {
        const { target: t } = target(input.service, input.environment);
        const { layouts } = await collectHostLayouts(t, transports);
        releases = mergeReleases(layouts, t.hosts);
      }
      return deploySources({
        service: input.service,
        config,
        artifacts: await listArtifacts(dir, config),
        artifactsDir: artifactsDir(dir, config),
        now: now(),
        ...(releases ? { releases } : {}),
      });
    },

    async rollbackOptions(raw) {
      const input = parse(targetInputSchema, raw);
      const { target: t } = target(input.service, input.environment);
      const { layouts, unreachable } = await collectHostLayouts(t, transports);
      const current = commonCurrent(layouts);
      const leaving = current ? mergeReleases(layouts, t.hosts).find((r) => r.id === current) : undefined;
      const evidence =
        leaving && deps.healthEvidence && t.config.strategy === 'releases'
          ? await markEvidence(
              deps.healthEvidence,
              t,
              leaving,
              journaledRuns(deps.journal, t.service, t.environment),
              now(),
            )
          : null;
      return rollbackOptions({ target: t, layouts, unreachable, now: now(), evidence });
    },

    async clearMark(raw) {
      const input = parse(clearMarkInputSchema, raw);
      const { target: t } = target(input.service, input.environment);
      if (t.config.strategy !== 'releases') {
        throw new CockpitError(
          'BAD_REQUEST',
          `${t.service} deploys with a script: it has no release directories, so there is no mark to clear.`,
        );
      }
      if (!isSafeReleaseName(input.release)) throw new CockpitError('BAD_REQUEST', unsafeReleaseMessage(input.release));
      return clearMarkOnHosts({
        target: t,
        release: input.release,
        reason: input.reason,
        journal: deps.journal,
        transports,
        actor,
        machine: hostname(),
        now: now(),
      });
    },

    async currentByHost(raw) {
      const input = parse(targetInputSchema, raw);
      const { target: t } = target(input.service, input.environment);
      const { layouts } = await collectHostLayouts(t, transports);
      const byHost = new Map(layouts.map((l) => [l.host, l.current]));
      // A host that cannot be reached runs something nobody can tell now: null, like a host with no release.
      return t.hosts.map((host) => ({ host, release: byHost.get(host) ?? null }));
    },

    async removeRelease(raw) {
      const input = parse(targetInputSchema, { service: raw.service, environment: raw.environment });
      const { target: t } = target(input.service, input.environment);
      if (t.config.strategy !== 'releases') return { removedOn: [], problems: [] };
      if (!isSafeReleaseName(raw.release)) throw new CockpitError('BAD_REQUEST', unsafeReleaseMessage(raw.release));
      return removePracticeRelease({
        target: t,
        release: raw.release,
        drillId: raw.practice.drillId,
        journal: deps.journal,
        transports,
        actor,
        now: now(),
      });
    },
  };
}

const practiceTitle = (options: RunOptions) => (options.practice ? ' (practice)' : '');
const practiceSpec = (options: RunOptions) => (options.practice ? { practice: { ...options.practice } } : {});
const practiceData = (options: RunOptions) => (options.practice ? { practice: options.practice.drillId } : {});

async function readLocks(
  t: DeployTarget,
  transports: (host: string) => Transport,
  view: MachineView,
): Promise<LockStatus> {
  const base = lockBase(t);
  const hosts = await Promise.all(
    t.hosts.map(async (host) => {
      try {
        const lock = await readLock((cmd) => transports(host).exec(cmd, { timeoutMs: 15_000 }), base);
        const stale = lock.held ? staleReason(lock.info, view) : null;
        return { host, held: lock.held, info: lock.info, error: null, stale };
      } catch (error) {
        return { host, held: false, info: null, error: (error as Error).message };
      }
    }),
  );
  return { service: t.service, environment: t.environment, path: base, hosts };
}
