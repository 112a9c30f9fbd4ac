/**
 * `releases` deploy: lock every host; read each host's releases; prepare the new release everywhere (upload,
 * shared links, before-switch hook); then, batch by batch, switch `current` atomically, run the after-switch
 * hook and restart, and wait for the health gate. A failed step or gate rolls every switched host back to the
 * release it ran before and marks the new one BAD_RELEASE when it is to blame; a lost connection stops and says which host may be
 * in which state and how to go back. Success marks the release healthy and applies retention. A drill's practice
 * deploy skips the gate, the marks and retention (see RunOptions.practice).
 */
import { posix } from 'node:path';
import { type DeployOutcome, type StepFailureInfo } from '../../../shared/model/deploys';
import { inBatches } from '../../runbooks/runbook';
import { type Step, StepFailure } from '../../runbooks/types';
import { describeExcluded } from '../deny-list';
import { type HostLayout, linkSharedScript, unpackScript } from '../layout';
import { type DeployRun } from '../run';
import { type ReleasePayload } from '../sources';
import { nextReleaseId } from '../release-id';
import { describeHosts } from '../way-back';
import {
  type ReleasesConfig,
  commandStep,
  gateStep,
  hookContext,
  inspectStep,
  markGoodStep,
  switchStep,
} from './releases-steps';
import { applyRetention, connectionLost, rollBackSwitched } from './releases-recovery';

export interface ReleasesDeployOptions {
  /** Steps on LOCAL_HOST before the build (resolve a git ref, export its commit). */
  local?: Step[];
  /** The local build (`build.run`), run on LOCAL_HOST before anything is uploaded or locked; asked for once the
   * `local` steps ran, since it may build in what they made. */
  build?: () => Step | undefined;
  /** Lists what to upload (after the build). */
  collect: () => Promise<ReleasePayload>;
  /** Names the release once its files are known (their hash names it when no ref was given). */
  releaseIdFor: (payload: ReleasePayload) => string;
  /** What the journal records with the named release (e.g. the git ref and its commit). */
  describe?: () => Record<string, unknown>;
  gateIntervalMs?: number;
}

/** The pseudo-host local builds run on (names in the workspace cannot contain '@'). */
export const LOCAL_HOST = '@local';

export async function deployReleases(run: DeployRun, options: ReleasesDeployOptions): Promise<DeployOutcome> {
  const { target } = run.spec;
  const config = target.config as ReleasesConfig;
  const hosts = target.hosts;
  let payload: ReleasePayload;
  try {
    // Build and list the files before taking the lock: a long build must not hold teammates off.
    for (const step of options.local ?? []) await run.runner.run(step, LOCAL_HOST);
    const build = options.build?.();
    if (build) await run.runner.run(build, LOCAL_HOST);
    payload = await options.collect();
    run.spec.releaseId = options.releaseIdFor(payload);
    const described = options.describe?.() ?? {};
    const from = typeof described.commit === 'string' ? ` from commit ${described.commit}` : '';
    // What the deny list kept out is said in the run's own record, not only in the plan someone may not have read.
    const leftOut =
      payload.excluded.length > 0
        ? ` (${payload.excluded.length} left out: ${describeExcluded(payload.excluded)})`
        : '';
    run.handle.step(
      `Release ${run.spec.releaseId}${from}: ${payload.files.length} file(s), ${Math.ceil(payload.totalBytes / 1024)} KB${leftOut}`,
      {
        ...described,
        step: 'collect',
        releaseId: run.spec.releaseId,
        excluded: payload.excluded,
      },
    );
  } catch (error) {
    const failure = error instanceof StepFailure ? error.info : null;
    const cancelled = failure?.reason === 'cancelled';
    const outcome = await run.finish(
      cancelled ? 'cancelled' : 'failed',
      `Nothing was deployed: ${(error as Error).message}`,
      null,
      failure,
      null,
    );
    if (error instanceof StepFailure) return outcome;
    throw error;
  }
  await run.lockAll();

  const layouts = new Map<string, HostLayout>();
  let release = run.spec.releaseId as string;
  let failure: StepFailure | null = null;
  const prepared = new Set<string>();
  const fail = (error: unknown) => {
    if (!(error instanceof StepFailure)) throw error;
    failure ??= error;
  };

  try {
    await Promise.all(hosts.map((host) => run.runner.run(inspectStep(target, host, true, layouts), host).catch(fail)));
    if (!failure) {
      const taken = new Set([...layouts.values()].flatMap((l) => l.releases.map((r) => r.id)));
      const unique = nextReleaseId(release, taken);
      if (unique !== release) {
        run.handle.step(`Release id ${release} is taken or older than a release on a host; using ${unique}`, {
          step: 'inspect',
        });
        release = unique;
        run.spec.releaseId = unique;
      }
      for (const host of hosts) {
        const layout = layouts.get(host) as HostLayout;
        run.setState(host, { release: layout.current, previous: layout.current });
      }
      // Prepare everywhere before switching anywhere: a host that cannot take the release stops the deploy early.
      await Promise.all(
        hosts.map(async (host) => {
          const base = (layouts.get(host) as HostLayout).base as string;
          try {
            for (const step of prepareSteps(run, host, base, release, payload)) {
              if (failure) return;
              prepared.add(host);
              await run.runner.run(step, host);
            }
          } catch (error) {
            fail(error);
          }
        }),
      );
    }
  } catch (error) {
    fail(error);
  }

  if (failure) return failedBeforeSwitch(run, release, failure);

  for (const batch of inBatches(hosts, config.batch)) {
    await Promise.all(batch.map((host) => switchHost(run, host, release, layouts, options.gateIntervalMs).catch(fail)));
    if (failure) break;
  }

  if (failure) {
    const f = failure as StepFailure;
    if (f.reason === 'transport') return connectionLost(run, release, f, layouts);
    return rollBackSwitched(run, release, f, layouts, prepared, options.gateIntervalMs);
  }

  if (run.practice) {
    // A drill's injection: the release is neither proven good (no gate ran) nor bad, and nothing is pruned.
    return run.finish(
      'healthy',
      `Deployed ${release} to ${hosts.join(', ')} for practice: no health gate, no marks, nothing removed.`,
      firstPrevious(run),
      null,
      null,
    );
  }
  const at = run.deps.now().toISOString();
  // Side by side: retention decides from the layouts read at the start (the new release counted as good), never
  // from the markers, and removes only older releases, so neither waits a round trip for the other.
  await Promise.all([
    ...hosts.map((host) =>
      run.recovery
        .run(markGoodStep((layouts.get(host) as HostLayout).base as string, release, at), host)
        .catch(() => {}),
    ),
    applyRetention(run, layouts, release),
  ]);
  const gated = config.gate.length > 0 ? ` and passed ${config.gate.join(', ')}` : ' (no health gate configured)';
  return run.finish('healthy', `Deployed ${release} to ${hosts.join(', ')}${gated}.`, firstPrevious(run), null, null);
}

function firstPrevious(run: DeployRun): string | null {
  return [...run.states.values()].find((s) => s.previous)?.previous ?? null;
}

function prepareSteps(run: DeployRun, host: string, base: string, release: string, payload: ReleasePayload): Step[] {
  const { target } = run.spec;
  const config = target.config as ReleasesConfig;
  const dir = `${base}/releases/${release}`;
  const previous = run.states.get(host)?.previous ?? null;
  const steps: Step[] = [
    {
      kind: 'upload',
      id: 'upload',
      title: `Upload ${payload.files.length} file${payload.files.length === 1 ? '' : 's'} into releases/${release}`,
      mkdirs: [dir, ...payload.dirs.map((d) => posix.join(dir, d))],
      files: payload.files.map((f) => ({ local: f.local, remote: posix.join(dir, f.relative), mode: f.mode })),
    },
  ];
  if (payload.kind === 'artifact') {
    steps.push({
      kind: 'run',
      id: 'unpack',
      title: 'Unpack the artifact',
      command: unpackScript(dir, posix.join(dir, '.cockpit-artifact.tar.gz')),
    });
  }
  const hook = hookContext(target, host, release, previous, base, run.deps.actor);
  if (config.shared.length > 0) {
    steps.push({
      kind: 'task',
      id: 'shared',
      title: `Link shared: ${config.shared.join(', ')}`,
      run: async (ctx) => {
        await ctx.exec(linkSharedScript(base, release, config.shared));
      },
    });
  }
  if (config.hooks.beforeSwitch) {
    steps.push(commandStep('before-switch', 'Before-switch hook', hook.fill(config.hooks.beforeSwitch), dir, hook.env));
  }
  return steps;
}

/** Switch → after-switch → restart → gate on one host; stops before the next step once anything failed. */
async function switchHost(
  run: DeployRun,
  host: string,
  release: string,
  layouts: Map<string, HostLayout>,
  gateIntervalMs?: number,
) {
  const { target } = run.spec;
  const config = target.config as ReleasesConfig;
  const base = (layouts.get(host) as HostLayout).base as string;
  const previous = run.states.get(host)?.previous ?? null;
  const hook = hookContext(target, host, release, previous, base, run.deps.actor);
  const current = `${base}/current`;
  try {
    await run.runner.run(switchStep(base, release), host);
  } catch (error) {
    // An atomic rename either happened or not; only a lost connection leaves it in doubt.
    if (error instanceof StepFailure && error.reason === 'transport')
      run.setState(host, { state: 'unknown', release, detail: 'connection lost while switching' });
    throw error;
  }
  run.setState(host, { state: 'switched', release });
  const after: Step[] = [];
  if (config.hooks.afterSwitch)
    after.push(
      commandStep('after-switch', 'After-switch hook', hook.fill(config.hooks.afterSwitch), current, hook.env),
    );
  if (config.restart) after.push(commandStep('restart', 'Restart', hook.fill(config.restart), current, hook.env));
  // A practice deploy skips the gate: the failure must reach the hosts, so the drill learns whether the team's
  // normal checks notice it (and how fast).
  if (config.gate.length > 0 && !run.practice) after.push(gateStep(target, host, gateIntervalMs));
  for (const step of after) {
    try {
      await run.runner.run(step, host);
    } catch (error) {
      if (error instanceof StepFailure && error.reason === 'transport') {
        run.setState(host, { state: 'unknown', detail: `connection lost during ${step.id}` });
      }
      throw error;
    }
  }
  run.setState(host, { state: 'healthy' });
}

/**
 * Nothing was switched: the release never ran, so nothing is known against it and it is NOT marked bad (an upload
 * cut by a lost connection, a before-switch hook or a cancel says nothing about the release). Say why it stopped.
 */
async function failedBeforeSwitch(run: DeployRun, release: string, failure: StepFailure): Promise<DeployOutcome> {
  const cancelled = failure.reason === 'cancelled';
  const info: StepFailureInfo = failure.info;
  const summary = cancelled
    ? `Deploy of ${release} cancelled before any host was switched; ${describeHosts([...run.states.values()])}.`
    : `Deploy of ${release} failed before any host was switched: ${info.message}`;
  return run.finish(cancelled ? 'cancelled' : 'failed', summary, firstPrevious(run), info, null);
}
