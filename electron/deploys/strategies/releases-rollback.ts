/**
 * `releases` rollback: lock, read the hosts, pick the target (the newest healthy earlier release by default, or
 * the one asked for), then batch by batch switch `current`, restart and pass the health gate. The release rolled
 * away from is marked BAD_RELEASE (as Deployer does) so it is never picked again by default.
 */
import { type DeployOutcome } from '../../../shared/model/deploys';
import { CockpitError } from '../../../shared/rpc';
import { inBatches } from '../../runbooks/runbook';
import { type Step, StepFailure } from '../../runbooks/types';
import { type HostLayout } from '../layout';
import { commonCurrent, mergeReleases } from '../release-views';
import { chooseRollbackTarget, releaseLabel } from '../rollback-target';
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

export async function rollbackReleases(
  run: DeployRun,
  to: string | undefined,
  gateIntervalMs?: number,
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

  const at = run.deps.now().toISOString();
  const why = `rolled back to ${release} by ${run.deps.actor}${run.spec.reason ? `: ${run.spec.reason}` : ''}`;
  await Promise.all(
    all
      .filter((l) => l.current && l.current !== release)
      .map((l) =>
        run.recovery.run(markBadStep(l.base as string, l.current as string, at, why), l.host).catch(() => {}),
      ),
  );
  const from = current ? ` from ${current}` : '';
  return run.finish(
    'healthy',
    `Rolled back ${target.service}@${target.environment}${from} to ${release} on ${hosts.join(', ')}.`,
    current,
    null,
    null,
  );
}
