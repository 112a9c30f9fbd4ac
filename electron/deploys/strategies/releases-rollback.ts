/**
 * `releases` rollback: lock, read the hosts, pick the target (the newest healthy earlier release by default, or
 * the one asked for), then batch by batch switch `current`, restart and pass the health gate. The release rolled
 * away from is marked BAD_RELEASE only when the person says so, or, when they did not say, when the evidence blames
 * it (the service started failing after it went live): an outage no release caused must not turn the last known
 * good release bad and leave nothing to roll back to.
 */
import { type MarkEvidence } from '../../../shared/api/deploys';
import { type DeployOutcome } from '../../../shared/model/deploys';
import { CockpitError } from '../../../shared/rpc';
import { inBatches } from '../../runbooks/runbook';
import { type Step, StepFailure } from '../../runbooks/types';
import { type HostLayout } from '../layout';
import { commonCurrent, mergeReleases } from '../release-views';
import { type ReleaseView, chooseRollbackTarget, releaseLabel } from '../rollback-target';
import { type DeployRun } from '../run';
import { buildWayBack, describeHosts } from '../way-back';
import {
  type ReleasesConfig,
  commandStep,
  gateStep,
  hookContext,
  inspectStep,
  markBadStep,
  switchStep,
} from './releases-steps';

export interface RollbackMarking {
  /** The person's answer to "Mark it bad?"; undefined: follow the evidence. */
  markBad?: boolean;
  /** Asks the health history about the release being left. */
  evidence?: (left: ReleaseView) => Promise<MarkEvidence>;
}

export async function rollbackReleases(
  run: DeployRun,
  to: string | undefined,
  gateIntervalMs?: number,
  marking: RollbackMarking = {},
): Promise<DeployOutcome> {
  const { target } = run.spec;
  const config = target.config as ReleasesConfig;
  const hosts = target.hosts;
  await run.lockAll();

  const layouts = new Map<string, HostLayout>();
  let failure: StepFailure | null = null;
  await Promise.all(
    hosts.map((host) =>
      run.runner.run(inspectStep(target, host, false, layouts), host).catch((error: unknown) => {
        if (!(error instanceof StepFailure)) throw error;
        failure ??= error;
      }),
    ),
  );
  if (failure) {
    const f = failure as StepFailure;
    return run.finish('failed', `Rollback did not start: ${f.message}`, null, f.info, null);
  }
  const missing = hosts.filter((h) => !layouts.get(h)?.base);
  if (missing.length > 0) {
    const message = `Nothing to roll back: ${config.path} does not exist on ${missing.join(', ')}.`;
    await run.finish('failed', message, null, null, null);
    throw new CockpitError('NOT_FOUND', message);
  }

  const all = [...layouts.values()];
  for (const layout of all) run.setState(layout.host, { release: layout.current, previous: layout.current });
  const releases = mergeReleases(all, hosts);
  const current = commonCurrent(all);
  const choice = chooseRollbackTarget(releases, current, to);
  if (!choice.target) {
    const message = `Cannot roll back ${target.service}@${target.environment}: ${choice.problem}.`;
    await run.finish('failed', message, current, null, null);
    throw new CockpitError('BAD_REQUEST', message, { alternatives: choice.alternatives.map((r) => r.id) });
  }
  const release = choice.target.id;
  run.spec.releaseId = release;
  run.handle.step(`Rolling back to ${release} (${releaseLabel(choice.target, releases, run.deps.now())})`, {
    step: 'choose',
    release,
  });

  for (const batch of inBatches(hosts, config.batch)) {
    await Promise.all(
      batch.map(async (host) => {
        const layout = layouts.get(host) as HostLayout;
        const base = layout.base as string;
        const hook = hookContext(target, host, release, layout.current, base, run.deps.actor);
        const steps: Step[] = [];
        if (config.hooks.afterSwitch)
          steps.push(
            commandStep(
              'after-switch',
              'After-switch hook',
              hook.fill(config.hooks.afterSwitch),
              `${base}/current`,
              hook.env,
            ),
          );
        if (config.restart)
          steps.push(commandStep('restart', 'Restart', hook.fill(config.restart), `${base}/current`, hook.env));
        if (config.gate.length > 0) steps.push(gateStep(target, host, gateIntervalMs));
        try {
          if (failure) return;
          if (layout.current !== release) await run.runner.run(switchStep(base, release), host);
          run.setState(host, { state: 'switched', release });
          for (const step of steps) {
            if (failure) return;
            await run.runner.run(step, host);
          }
          run.setState(host, { state: 'healthy' });
        } catch (error) {
          if (!(error instanceof StepFailure)) throw error;
          if (error.reason === 'transport')
            run.setState(host, { state: 'unknown', detail: `connection lost during ${error.info.step}` });
          failure ??= error;
        }
      }),
    );
    if (failure) break;
  }

  const states = [...run.states.values()];
  if (failure) {
    const f = failure as StepFailure;
    const summary = `Rollback to ${release} stopped: ${f.message}. Now: ${describeHosts(states)}.`;
    return run.finish(
      f.reason === 'cancelled' ? 'cancelled' : f.reason === 'transport' ? 'unknown' : 'failed',
      summary,
      current,
      f.info,
      buildWayBack(target.service, target.environment, states),
    );
  }

  const left = all.filter((l) => l.current && l.current !== release);
  const leftIds = [...new Set(left.map((l) => l.current as string))];
  const decision = await decideMark(leftIds, releases, marking);
  // The choice and its evidence are journaled either way: a later reader sees why a release is (not) marked.
  run.handle.step(
    leftIds.length === 0
      ? 'No release left behind to mark'
      : `${decision.markBad ? 'Marking' : 'Not marking'} ${leftIds.join(', ')} BAD_RELEASE (${decision.source}): ${decision.evidence?.line ?? 'no evidence asked'}`,
    { step: 'mark-decision', markBad: decision.markBad, source: decision.source, evidence: decision.evidence },
  );
  if (decision.markBad) {
    const at = run.deps.now().toISOString();
    const why = `rolled back to ${release} by ${run.deps.actor}${run.spec.reason ? `: ${run.spec.reason}` : ''}${decision.evidence ? ` (${decision.evidence.line})` : ''}`;
    await Promise.all(
      left.map((l) =>
        run.recovery.run(markBadStep(l.base as string, l.current as string, at, why), l.host).catch(() => {}),
      ),
    );
  }
  const from = current ? ` from ${current}` : '';
  const marked =
    leftIds.length === 0
      ? ''
      : decision.markBad
        ? ` Marked ${leftIds.join(', ')} BAD_RELEASE.`
        : ` Left ${leftIds.join(', ')} unmarked.`;
  return run.finish(
    'healthy',
    `Rolled back ${target.service}@${target.environment}${from} to ${release} on ${hosts.join(', ')}.${marked}`,
    current,
    null,
    null,
  );
}

/** The person's answer wins; without one, the evidence about the release being left decides (no evidence: no mark). */
async function decideMark(
  leftIds: readonly string[],
  releases: readonly ReleaseView[],
  marking: RollbackMarking,
): Promise<{ markBad: boolean; source: 'asked' | 'evidence'; evidence: MarkEvidence | null }> {
  const leaving = releases.find((r) => r.id === leftIds[0]);
  let evidence: MarkEvidence | null = null;
  if (leaving && marking.evidence) evidence = await marking.evidence(leaving).catch(() => null);
  if (marking.markBad !== undefined) return { markBad: marking.markBad, source: 'asked', evidence };
  return { markBad: evidence?.markBadDefault ?? false, source: 'evidence', evidence };
}
