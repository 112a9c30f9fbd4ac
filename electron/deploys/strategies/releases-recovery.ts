/**
 * When a `releases` deploy goes wrong after switching: roll every switched host back to the release it ran
 * before (switch, restart, gate), and mark the new release BAD_RELEASE only when the release is to blame (its gate
 * found failing checks, or its after-switch hook or restart failed); or, when a connection was lost, find out
 * what can be found and hand the person the way back. Also retention, which runs whenever hosts are consistent.
 */
import { type DeployOutcome, type StepFailureInfo } from '../../../shared/model/deploys';
import { quotePath } from '../../remote/quote';
import { type Step, StepFailure } from '../../runbooks/types';
import { type HostLayout, releaseFromLink } from '../layout';
import { mergeReleases } from '../release-views';
import { lastKnownGood, releasesToKeep } from '../retention';
import { chooseRollbackTarget } from '../rollback-target';
import { type DeployRun } from '../run';
import { buildWayBack, describeHosts } from '../way-back';
import {
  type ReleasesConfig,
  commandStep,
  gateStep,
  hookContext,
  markBadStep,
  pruneStep,
  switchStep,
} from './releases-steps';

const PROBE_TIMEOUT_MS = 10_000;

/** Steps that run the new release right after the switch: their failing says something about the release. */
const RELEASE_STEPS = new Set(['after-switch', 'restart']);
/** The ids gateStep gives the health gate (see releases-steps.ts). */
const GATE_STEPS = new Set(['gate', 'rollback-gate']);

/**
 * Whether a failure right after a switch blames the release. A gate that ran its checks and saw one down blames
 * it (`gate`); a gate that could not judge (a check it names does not exist, no health feature, the checker itself
 * failing) fails with `error` and says nothing about the release. A cancel or a lost connection never blames it.
 */
export function releaseIsToBlame(info: StepFailureInfo): boolean {
  if (info.reason === 'gate') return true;
  if (info.reason === 'exit' || info.reason === 'timeout') return RELEASE_STEPS.has(info.step);
  return false;
}

/** The gate (the deploy's or the rollback's own) stopped because it could not judge: see healthGateStep. */
function gateCouldNotJudge(info: StepFailureInfo): boolean {
  return info.reason === 'error' && GATE_STEPS.has(info.step);
}

export async function rollBackSwitched(
  run: DeployRun,
  release: string,
  failure: StepFailure,
  layouts: Map<string, HostLayout>,
  prepared: Set<string>,
  gateIntervalMs?: number,
): Promise<DeployOutcome> {
  const { target } = run.spec;
  const config = target.config as ReleasesConfig;
  const switched = [...run.states.values()].filter((s) => s.state === 'switched' || s.state === 'healthy');
  const problems: string[] = [];

  await Promise.all(
    switched.map(async (state) => {
      const host = state.host;
      const base = layouts.get(host)?.base as string;
      const previous = state.previous;
      if (!previous) {
        run.setState(host, { detail: 'no earlier release to return to: this was the first deploy here' });
        problems.push(`${host} has no earlier release`);
        return;
      }
      const hook = hookContext(target, host, previous, release, base, run.deps.actor);
      const steps: Step[] = [switchStep(base, previous, 'rollback-switch', `Roll back: switch current to ${previous}`)];
      if (config.restart)
        steps.push(
          commandStep('rollback-restart', 'Roll back: restart', hook.fill(config.restart), `${base}/current`, hook.env),
        );
      try {
        await run.recovery.run(steps[0] as Step, host);
        run.setState(host, { state: 'rolled-back', release: previous });
        for (const step of steps.slice(1)) await run.recovery.run(step, host);
        if (config.gate.length > 0)
          await run.recovery.run(gateStep(target, host, gateIntervalMs, 'rollback-gate'), host);
      } catch (error) {
        const f = error instanceof StepFailure ? error : null;
        const why = f?.message ?? (error as Error).message;
        if (f?.reason === 'transport' && run.states.get(host)?.state !== 'rolled-back')
          run.setState(host, { state: 'unknown' });
        run.setState(host, { detail: `rollback incomplete: ${why}` });
        problems.push(`${host}: ${why}`);
      }
    }),
  );

  const at = run.deps.now().toISOString();
  const cancelled = failure.reason === 'cancelled';
  const blamed = releaseIsToBlame(failure.info);
  const misconfigured = gateCouldNotJudge(failure.info);
  const why = cancelled
    ? `cancelled by ${run.deps.actor}`
    : misconfigured
      ? `the health gate is misconfigured or could not run on ${failure.info.host}: ${failure.info.outputTail || failure.info.message}`
      : failure.reason === 'gate'
        ? `health gate failed on ${failure.info.host}: ${failure.info.outputTail || failure.info.message}`
        : `${failure.info.step} failed on ${failure.info.host}: ${failure.info.reason}${failure.info.exitCode !== null ? ` (exit ${failure.info.exitCode})` : ''}`;
  // A cancel says nothing about the release (people cancel a slow restart too), nor does a gate that could not
  // judge it: only the release's own failure marks it bad.
  if (blamed && !run.practice) {
    await Promise.all(
      [...prepared].map((host) =>
        run.recovery.run(markBadStep(layouts.get(host)?.base as string, release, at, why), host).catch(() => {}),
      ),
    );
  }

  const previous =
    switched.find((s) => s.previous)?.previous ?? [...run.states.values()].find((s) => s.previous)?.previous ?? null;
  const rolledBackHosts = [...run.states.values()].filter((s) => s.state === 'rolled-back').map((s) => s.host);
  if (problems.length === 0) {
    if (!run.practice) await applyRetention(run, layouts, null);
    const back =
      rolledBackHosts.length > 0
        ? `rolled back ${rolledBackHosts.join(', ')} to ${previous}`
        : 'no host had been switched';
    const summary = cancelled
      ? `Deploy of ${release} cancelled; ${back}; the release is kept unmarked (a cancel is not a failure).`
      : blamed && run.practice
        ? `Practice release ${release} failed (${why}); ${back}. Practice runs mark nothing.`
        : blamed
          ? `Release ${release} failed (${why}); ${back} and marked ${release} BAD_RELEASE.`
          : misconfigured
            ? `Deploy of ${release} stopped: ${why}; ${back}. The release is not marked bad: fix the gate (deploy.gate names checks of this service in health:) and deploy again.`
            : `Deploy of ${release} failed (${why}); ${back}. The release is not marked bad: the failure was not the release's.`;
    return run.finish(cancelled ? 'cancelled' : 'rolled-back', summary, previous, failure.info, null);
  }
  const states = [...run.states.values()];
  const mark =
    cancelled || run.practice ? '' : blamed ? ` Marked ${release} BAD_RELEASE.` : ` ${release} is not marked bad.`;
  const summary = `Release ${release} failed (${why}), and the automatic rollback did not complete: ${problems.join('; ')}. Now: ${describeHosts(states)}.${mark}`;
  return run.finish(
    'failed',
    summary,
    previous,
    failure.info,
    buildWayBack(target.service, target.environment, states),
  );
}

/**
 * The connection to a host was lost mid-step: stop, ask each host in doubt where `current` points (it may be
 * reachable again), and report every host's state with the way back. Nothing is rolled back automatically:
 * a command may still be running on the host that dropped.
 */
export async function connectionLost(
  run: DeployRun,
  release: string,
  failure: StepFailure,
  layouts: Map<string, HostLayout>,
): Promise<DeployOutcome> {
  const { target } = run.spec;
  const lostHost = failure.info.host;
  const inDoubt = [...run.states.values()].filter((s) => s.state === 'unknown');
  await Promise.all(
    inDoubt.map(async (state) => {
      const base = layouts.get(state.host)?.base;
      if (!base) return;
      try {
        const r = await run.deps
          .transports(state.host)
          .exec(`readlink ${quotePath(base)}/current`, { timeoutMs: PROBE_TIMEOUT_MS });
        const now = releaseFromLink(r.stdout);
        const interrupted = state.detail ?? 'a step';
        if (r.exitCode === 0 && now === release) {
          run.setState(state.host, {
            state: 'switched',
            release,
            detail: `${interrupted}; current points at ${release}, the interrupted step may still be running`,
          });
        } else if (r.exitCode === 0 && now === state.previous) {
          run.setState(state.host, {
            state: 'not-switched',
            release: now,
            detail: `${interrupted}; current still points at ${now}`,
          });
        }
        run.handle.step(`Checked ${state.host} after the lost connection: current → ${now ?? 'nothing'}`, {
          host: state.host,
          step: 'probe',
        });
      } catch (error) {
        run.setState(state.host, {
          detail: `${state.detail ?? 'connection lost'}; the host cannot be reached now (${(error as Error).message})`,
        });
        run.handle.step(`Could not reach ${state.host} to check its state`, {
          host: state.host,
          step: 'probe',
          ok: false,
        });
      }
    }),
  );
  const states = [...run.states.values()];
  const wayBack = buildWayBack(target.service, target.environment, states);
  const summary = `Connection lost during ${failure.info.step} on ${lostHost ?? 'a host'}; the deploy of ${release} stopped. ${describeHosts(states)}.`;
  const previous = states.find((s) => s.previous)?.previous ?? null;
  return run.finish('unknown', summary, previous, failure.info, wayBack);
}

/**
 * Keeps the same `keep` releases on every host of the environment (one keep-set, see retention.ts): never a
 * current one, the last known good one, or the rollback target (the newest good release older than current), so
 * pruning never removes the way back. Hosts in doubt are left alone.
 */
export async function applyRetention(
  run: DeployRun,
  layouts: Map<string, HostLayout>,
  newGood: string | null,
): Promise<void> {
  const config = run.spec.target.config as ReleasesConfig;
  const sure = [...layouts.values()].filter((l) => {
    const state = run.states.get(l.host);
    return l.base && state && state.state !== 'unknown';
  });
  if (sure.length === 0) return;
  const merged = mergeReleases(
    sure,
    sure.map((l) => l.host),
  );
  const currents = sure.map((l) => run.states.get(l.host)?.release ?? null);
  const known = merged.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    goodAt: r.id === newGood ? (r.goodAt ?? run.deps.now().toISOString()) : r.goodAt,
    bad: r.bad,
  }));
  if (newGood && !known.some((r) => r.id === newGood))
    known.push({
      id: newGood,
      createdAt: run.deps.now().toISOString(),
      goodAt: run.deps.now().toISOString(),
      bad: null,
    });
  const lastGood = lastKnownGood(known);
  const choice = chooseRollbackTarget(
    known.map((r) => ({ ...r, everywhere: true })),
    currents.length > 0 && currents.every((c) => c === currents[0]) ? (currents[0] ?? null) : null,
  );
  const keep = releasesToKeep({
    releases: known,
    keep: config.keep,
    current: currents,
    lastGood,
    protect: choice.target ? [choice.target.id] : [],
  });
  await Promise.all(
    sure.map(async (layout) => {
      const prune = layout.releases.map((r) => r.id).filter((id) => !keep.has(id));
      if (prune.length === 0) return;
      await run.recovery.run(pruneStep(layout.base as string, prune), layout.host).catch(() => {});
    }),
  );
}
