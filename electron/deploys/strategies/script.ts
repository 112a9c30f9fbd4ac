/**
 * `script` strategy: the team's own deploy / rollback / list / current commands, with `${release}` (and the
 * environment's vars) quoted by the engine, under the same lock, journal, live log and health gate. When the
 * gate or the deploy command fails, the team's rollback command returns every host that ran the deploy to the
 * release it had before (when `current` can tell it).
 */
import { type DeployOutcome } from '../../../shared/model/deploys';
import { CockpitError } from '../../../shared/rpc';
import { type DeployConfig } from '../../../shared/workspace';
import { inBatches } from '../../runbooks/runbook';
import { type Step, StepFailure, type TaskStep } from '../../runbooks/types';
import { type DeployRun } from '../run';
import { buildWayBack, describeHosts } from '../way-back';
import { gateStep, hookContext } from './releases-steps';

type ScriptConfig = Extract<DeployConfig, { strategy: 'script' }>;

function readStep(id: string, title: string, command: string, into: Map<string, string[]>, host: string): TaskStep {
  return {
    kind: 'task',
    id,
    title,
    command,
    timeoutMs: 60_000,
    run: async (ctx) => {
      const r = await ctx.exec(command);
      const lines = r.stdout
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      into.set(host, lines);
      return lines[0] ?? 'nothing';
    },
  };
}

/** Reads each host's current release with the team's `current` command, when there is one. */
async function readCurrent(run: DeployRun, config: ScriptConfig): Promise<void> {
  if (!config.current) return;
  const currents = new Map<string, string[]>();
  await Promise.all(
    run.spec.target.hosts.map((host) =>
      run.runner
        .run(readStep('current', 'Read the current release', config.current as string, currents, host), host)
        .catch(() => {}),
    ),
  );
  for (const [host, lines] of currents) run.setState(host, { release: lines[0] ?? null, previous: lines[0] ?? null });
}

function scriptSteps(
  run: DeployRun,
  host: string,
  release: string,
  command: string,
  id: string,
  gateIntervalMs?: number,
): Step[] {
  const { target } = run.spec;
  const state = run.states.get(host);
  const hook = hookContext(target, host, release, state?.previous ?? null, '', run.deps.actor);
  const steps: Step[] = [
    {
      kind: 'run',
      id,
      title: `${id === 'deploy' ? 'Deploy' : 'Roll back to'} ${release}`,
      command: hook.fill(command),
      env: hook.env,
    },
  ];
  // A practice deploy skips the gate (the failure must reach the hosts); every rollback still proves recovery.
  const gated = target.config.gate.length > 0 && !(run.practice && id === 'deploy');
  if (gated) steps.push(gateStep(target, host, gateIntervalMs, id === 'deploy' ? 'gate' : 'rollback-gate'));
  return steps;
}

async function runBatches(
  run: DeployRun,
  release: string,
  command: string,
  id: string,
  gateIntervalMs?: number,
): Promise<StepFailure | null> {
  const { target } = run.spec;
  let failure: StepFailure | null = null;
  for (const batch of inBatches(target.hosts, target.config.batch)) {
    await Promise.all(
      batch.map(async (host) => {
        const steps = scriptSteps(run, host, release, command, id, gateIntervalMs);
        for (const [i, step] of steps.entries()) {
          if (failure) return;
          try {
            await run.runner.run(step, host);
            if (i === 0) run.setState(host, { state: 'switched', release });
          } catch (error) {
            if (!(error instanceof StepFailure)) throw error;
            // The team's script may have changed the host before failing: treat it as switched (or unknown).
            run.setState(host, { state: error.reason === 'transport' ? 'unknown' : 'switched', release });
            failure ??= error;
          }
        }
        if (!failure) run.setState(host, { state: 'healthy' });
      }),
    );
    if (failure) break;
  }
  return failure;
}

export async function deployScript(run: DeployRun, gateIntervalMs?: number): Promise<DeployOutcome> {
  const { target } = run.spec;
  const config = target.config as ScriptConfig;
  const release = run.spec.releaseId as string;
  await run.lockAll();
  await readCurrent(run, config);
  const failure = await runBatches(run, release, config.deploy, 'deploy', gateIntervalMs);
  if (!failure)
    return run.finish(
      'healthy',
      `Deployed ${release} to ${target.hosts.join(', ')} with the deploy script${run.practice ? ' for practice (no health gate)' : ''}.`,
      null,
      null,
      null,
    );

  const states = [...run.states.values()];
  if (failure.reason === 'transport') {
    const summary = `Connection lost during ${failure.info.step} on ${failure.info.host}; the deploy of ${release} stopped. ${describeHosts(states)}.`;
    return run.finish('unknown', summary, null, failure.info, buildWayBack(target.service, target.environment, states));
  }
  // Roll back what ran, with the team's rollback command, to what each host had before.
  const problems: string[] = [];
  for (const state of states.filter((s) => s.state === 'switched' || s.state === 'healthy')) {
    if (!state.previous) {
      problems.push(`${state.host}: its previous release is unknown (configure \`current:\`)`);
      continue;
    }
    try {
      for (const step of scriptSteps(run, state.host, state.previous, config.rollback, 'rollback', gateIntervalMs))
        await run.recovery.run(step, state.host);
      run.setState(state.host, { state: 'rolled-back', release: state.previous });
    } catch (error) {
      problems.push(`${state.host}: ${(error as Error).message}`);
    }
  }
  const after = [...run.states.values()];
  const result = failure.reason === 'cancelled' ? 'cancelled' : problems.length === 0 ? 'rolled-back' : 'failed';
  const summary =
    problems.length === 0
      ? `Deploy of ${release} failed (${failure.info.step} on ${failure.info.host}: ${failure.info.reason}); rolled back with the rollback script. ${describeHosts(after)}.`
      : `Deploy of ${release} failed (${failure.message}); rollback incomplete: ${problems.join('; ')}.`;
  return run.finish(
    result,
    summary,
    null,
    failure.info,
    problems.length === 0 ? null : buildWayBack(target.service, target.environment, after),
  );
}

export async function rollbackScript(
  run: DeployRun,
  to: string | undefined,
  gateIntervalMs?: number,
): Promise<DeployOutcome> {
  const { target } = run.spec;
  const config = target.config as ScriptConfig;
  await run.lockAll();
  await readCurrent(run, config);
  let release = to;
  if (!release && config.list) {
    const lists = new Map<string, string[]>();
    const host = target.hosts[0] as string;
    await run.runner.run(readStep('list', 'List releases', config.list, lists, host), host).catch(() => {});
    const current = run.states.get(host)?.release ?? null;
    const ids = lists.get(host) ?? [];
    release = current ? ids.slice(ids.indexOf(current) + 1)[0] : ids[1];
  }
  if (!release) {
    const message = `Cannot choose a release to roll back ${target.service}@${target.environment} to: give one with --to${config.list ? '' : ' (or configure `list:`)'}.`;
    await run.finish('failed', message, null, null, null);
    throw new CockpitError('BAD_REQUEST', message);
  }
  run.spec.releaseId = release;
  const failure = await runBatches(run, release, config.rollback, 'rollback', gateIntervalMs);
  const states = [...run.states.values()];
  if (!failure)
    return run.finish(
      'healthy',
      `Rolled back ${target.service}@${target.environment} to ${release} with the rollback script.`,
      null,
      null,
      null,
    );
  const result = failure.reason === 'cancelled' ? 'cancelled' : failure.reason === 'transport' ? 'unknown' : 'failed';
  return run.finish(
    result,
    `Rollback to ${release} stopped: ${failure.message}. ${describeHosts(states)}.`,
    null,
    failure.info,
    buildWayBack(target.service, target.environment, states),
  );
}
