/**
 * `cockpit status`: every health check of the workspace run once, now, and each service × environment printed
 * with its status and the reason in words, as the Overview shows it (the same verdict line first). The CLI
 * watches nothing, so there are no retries: one look, said as it is. With the built-in demo, its sandbox services
 * run for the duration of the command (or, when the app or `cockpit serve` already runs them, those answer).
 * `--help` anywhere prints help and does nothing else.
 */
import { type DemoStatus } from '../../shared/api/demo';
import { type DeploysOverview } from '../../shared/api/deploys';
import { type CheckView, type HealthOverview, type HealthStatus } from '../../shared/model/health';
import { type NextAction, nextAction } from '../../shared/model/next-action';
import { CockpitError } from '../../shared/rpc';
import { type Backend } from '../backend';
import { isHealthFeature } from '../health/feature';
import { humanDuration } from '../health/words';
import { type Command } from './command';
import { UsageError, backendOptionsOf, parseCommandArgs, reportCommandError, workspaceProblem } from './args';
import { backendArgHelp, backendArgOptions, withBackend } from './context';
import { type CliIO, EXIT } from './io';

export const statusUsage = `Usage: cockpit status [--env ENV] [--json] [options]

Runs every health check of the workspace once, now, and prints each service in each environment as up,
degraded, down or unknown, with the reason in words, as the Overview shows it. Each check runs one time,
without the retries the app uses before it calls a service down; nothing is stored and nobody is alerted.
When something needs doing, a "Next:" line under the verdict names the one action most likely to help and
why, as the app's banner does (roll back, finish a half-done rollback, run a runbook, verify a backup).
A service whose hosts run different releases is degraded, with the hosts that differ in its reason.

With the built-in demo (--demo, or when the demo is the workspace in use) the demo's sandbox services run on
this machine for the duration of the command; when the app or \`cockpit serve\` already runs them, those answer.

Options:
  --env ENV          only this environment
  --json             print the overview and every check as JSON, for scripts
${backendArgHelp}
  -h, --help         print this help and do nothing else

Exit status: 0 when nothing is down (degraded and unknown services are printed, and do not fail it),
             1 when a service is down or the workspace cannot be read, 2 usage error.
`;

const options = {
  ...backendArgOptions,
  env: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(argv: string[]) {
  return parseCommandArgs(argv, options, false);
}

type Values = ReturnType<typeof parse>['values'];

const marks: Record<HealthStatus, string> = { up: '✓', degraded: '!', down: '✗', unknown: '?' };

const backendOptions = backendOptionsOf;

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '))
    .join('\n');
}

function demoLine(demo: DemoStatus): string | null {
  if (!demo.active) return null;
  const count = (state: string) => demo.instances.filter((i) => i.state === state).length;
  const lines: string[] = [];
  if (count('running') > 0) {
    lines.push(
      `${count('running')} of the demo's sandbox services ran on this machine for this command only (the app and \`cockpit serve\` run them while the demo is open).`,
    );
  }
  if (count('elsewhere') > 0) {
    lines.push(
      `${count('elsewhere')} were already running in another cockpit (the app or \`cockpit serve\`): their answers are shown.`,
    );
  }
  for (const failed of demo.instances.filter((i) => i.state === 'failed')) {
    lines.push(`${failed.service} in ${failed.environment} could not start: ${failed.problem ?? 'unknown problem'}.`);
  }
  return lines.length > 0 ? `Demo: ${lines.join('\n      ')}` : null;
}

export function statusText(
  name: string,
  overview: HealthOverview,
  run: { checks: CheckView[]; durationMs: number },
  demo?: DemoStatus,
  next?: NextAction | null,
): string {
  const { verdict } = overview;
  const head = `${name} · health checked now: ${run.checks.length} check${run.checks.length === 1 ? '' : 's'} in ${humanDuration(run.durationMs)}`;
  const lines = [head, '', `${marks[verdict.status]} ${verdict.title}`];
  if (verdict.detail) lines.push(`  ${verdict.detail}`);
  if (next) lines.push(`  Next: ${next.title} — why: ${next.why}`);
  if (overview.services.length > 0) {
    const rows = [['SERVICE', 'ENVIRONMENT', 'STATUS', 'REASON']];
    for (const s of overview.services) {
      const reason = [s.reason, s.status !== 'up' && s.lastDeploy ? s.lastDeploy : ''].filter(Boolean).join(' · ');
      rows.push([s.service, s.environment, `${marks[s.status]} ${s.status}`, reason]);
    }
    lines.push('', table(rows));
  }
  const note = demo ? demoLine(demo) : null;
  if (note) lines.push('', note);
  return lines.join('\n');
}

async function status(values: Values, io: CliIO): Promise<number> {
  return withBackend({ ...backendOptions(values), io }, async (backend) => {
    const problem = workspaceProblem(backend);
    if (problem) throw new CockpitError('INVALID_WORKSPACE', problem);
    const state = backend.workspace.current();
    const workspace = state.workspace;
    if (!workspace) throw new CockpitError('NOT_FOUND', 'no workspace is open');
    const env = values.env;
    if (env !== undefined && !Object.hasOwn(workspace.environments, env)) {
      const known = Object.keys(workspace.environments).join(', ') || 'none';
      throw new UsageError(`no environment "${env}" in ${workspace.name} (environments: ${known})`);
    }
    const health = backend.features.health;
    const demo = state.loadedFrom?.kind === 'demo' && isHealthFeature(health) ? await health.startDemo() : undefined;
    // Read first: what each host runs is what health folds a split fleet from, and what the next action weighs.
    const deploys = await optional(() => backend.handlers['deploys.overview']({}));
    const started = Date.now();
    const result = await backend.handlers['health.runNow']({ ...(env ? { environment: env } : {}), wait: true });
    const durationMs = Date.now() - started;
    const overview = result.overview;
    const next = await nextActionFor(backend.handlers, overview, result.checks, deploys, env);
    if (values.json) {
      io.stdout(JSON.stringify({ overview, checks: result.checks, next, ...(demo ? { demo } : {}) }, null, 2));
    } else {
      io.stdout(statusText(workspace.name, overview, { checks: result.checks, durationMs }, demo, next));
    }
    for (const p of overview.problems) io.stderr(`warning: ${p.message}`);
    return overview.services.some((s) => s.status === 'down') ? EXIT.failed : EXIT.ok;
  });
}

/** A read the next action can do without: when it fails, the action is chosen from the rest. */
async function optional<T>(read: () => T | Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch {
    return null;
  }
}

type StatusHandlers = Backend['handlers'];

/** The banner's next action, from the same evidence the app has (limited to `--env` when given). */
async function nextActionFor(
  handlers: StatusHandlers,
  overview: HealthOverview,
  checks: CheckView[],
  deploys: DeploysOverview | null,
  env: string | undefined,
): Promise<NextAction | null> {
  const inEnv = (item: { environment: string }) => env === undefined || item.environment === env;
  const failing = checks.filter((c) => inEnv(c) && (c.status === 'down' || c.status === 'degraded'));
  const runbooks = failing.length > 0 ? await optional(() => handlers['runbooks.list']({})) : null;
  const backups = await optional(() => handlers['backups.list']({}));
  return nextAction({
    now: overview.at,
    services: overview.services.filter(inEnv),
    targets: (deploys?.targets ?? []).filter(inEnv),
    runs: (deploys?.runs ?? []).filter((r) => r.status === 'running'),
    failingChecks: failing.map((c) => ({
      service: c.service,
      environment: c.environment,
      checkId: c.checkId,
      status: c.status === 'down' ? 'down' : 'degraded',
    })),
    runbooks: runbooks?.runbooks ?? [],
    backups: backups?.backups ?? [],
  });
}

export async function runStatus(argv: string[], io: CliIO): Promise<number> {
  // Help wins wherever it appears, and never acts.
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(statusUsage);
    return EXIT.ok;
  }
  try {
    return await status(parse(argv).values, io);
  } catch (error) {
    return reportCommandError(error, io, 'cockpit status', statusUsage);
  }
}

export const statusCommands: Record<string, Command> = {
  status: {
    summary: 'run every health check once and print each service × environment (exit 1 when one is down)',
    run: runStatus,
  },
};
