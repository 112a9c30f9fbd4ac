/**
 * `cockpit deploy`, `rollback`, `history` and `lock`: the Deploys screen in a terminal, through the same backend,
 * journal, locks and health gate as the app's buttons. The live log streams per host and step; Ctrl-C cancels the
 * run the way the Cancel button does (hosts already switched are rolled back). A protected environment needs
 * `--confirm ENV` (or the name typed at a prompt when stdin is a terminal). `--help` anywhere prints help and does
 * nothing else. Exit 0 ok, 1 failed (the message says where each host stands), 2 usage.
 */
import { createInterface } from 'node:readline/promises';
import { CockpitError } from '../../shared/rpc';
import { type DeployOutcome, type RunEvent, type RunProblem } from '../../shared/model/deploys';
import { type Backend } from '../backend';
import { historyText, lockText, outcomeText, createLiveLog, rollbackListText } from '../deploys/cli-text';
import { describeUpload } from '../deploys/plan';
import { type Command } from './command';
import { UsageError, backendOptionsOf, parseCommandArgs, reportCommandError } from './args';
import { backendArgHelp, backendArgOptions, withBackend } from './context';
import { type CliIO, EXIT } from './io';

const common = `  --env ENV          the environment (required)
  --json             print JSON instead of text
${backendArgHelp}
  -h, --help         print this help and do nothing else

Exit status: 0 ok, 1 failed (the message says where each host stands), 2 usage error.`;

const hostOptions = `  --hosts A,B        only these hosts of ENV (e.g. when one is down)
  --skip-host HOST   every host but HOST (repeatable); needs --reason, journaled with the skipped hosts
  --batch N          switch N hosts at once (overrides the deploy config's batch)`;

export const deployUsage = `Usage: cockpit deploy SERVICE --env ENV [--release NAME|REF | --source DIR | --artifact FILE] [options]

Deploys a release of SERVICE to every host of ENV (in rolling batches): takes the deploy lock, uploads the
release, switches \`current\` atomically, restarts, waits for the health gate and rolls back on its own when the
gate fails. The live log is printed per host and step; Ctrl-C cancels (switched hosts are rolled back).

  --release NAME|REF a ready-made release from the service's artifacts folder (e.g. v1.5.0), or a branch, tag
                     or commit of the workspace's git repository: that commit is exported and built, not the
                     working tree (outside a git repository, or with --source/--artifact, only a label)
  --source DIR       upload this local build directory
  --artifact FILE    upload and unpack this .tar.gz
  --reason TEXT      why (shown to teammates in the lock and on the host's audit log)
  --confirm ENV      for a protected environment: its name (asked at a prompt when stdin is a terminal)
  --plan             print the plan (hosts, batches, steps, what is uploaded) and change nothing
${hostOptions}
${common}
`;

export const rollbackUsage = `Usage: cockpit rollback SERVICE --env ENV [--to RELEASE] [options]

Switches every host of ENV back to RELEASE — by default the newest release that was healthy — restarts, and
waits for the health gate. The release rolled away from is marked BAD_RELEASE when the evidence says it caused
the trouble (the service started failing after it went live), or when you say so; \`--list\` shows the evidence.

  --to RELEASE       a release id (see \`cockpit history\`); default: the newest healthy one
  --list             print the choices (default first, with badges) and the evidence, and change nothing
  --mark-bad         mark the release rolled away from BAD_RELEASE
  --no-mark-bad      leave it unmarked (default: what the evidence says)
  --reason TEXT      why
  --confirm ENV      for a protected environment: its name
${hostOptions}
${common}
`;

export const releaseUsage = `Usage: cockpit release unmark SERVICE --env ENV RELEASE --reason TEXT [options]

Clears the BAD_RELEASE mark of RELEASE on every host of ENV that has it, so it can be chosen again (e.g. it
was marked during an outage it did not cause). The reason is journaled and written to each host's audit log.

  --reason TEXT      why the mark is cleared (required)
${common}
`;

export const historyUsage = `Usage: cockpit history SERVICE --env ENV [--json] [options]

The deploy timeline of SERVICE in ENV: this cockpit's journal merged with what the hosts hold, so deploys made
outside the app appear too, marked as such. Then the current release, the last known good one and the DORA
figures (deploy frequency, change failure rate, time to restore). Changes nothing.

${common}
`;

export const lockUsage = `Usage: cockpit lock status SERVICE --env ENV [options]
       cockpit lock release SERVICE --env ENV --reason TEXT [--force | --stale] [options]

The deploy lock every deploy and rollback takes on each host (who, since when, for what, why).
\`release\` frees it; a lock held by someone else needs --force (journaled with the reason). A lock left by a
run of this machine that no longer exists (killed, crashed) is shown as STALE and is freed with --stale.
Forced and stale releases are journaled and written to each host's audit log.
\`lock status\` exits 1 when a host could not be asked (its lock is unknown), else 0.

  --reason TEXT      why the lock is released (required for release)
  --force            release a lock held by someone else
  --stale            release a stale lock in one step (refused when it is not stale)
${common}
`;

const options = {
  ...backendArgOptions,
  env: { type: 'string' },
  release: { type: 'string' },
  source: { type: 'string' },
  artifact: { type: 'string' },
  to: { type: 'string' },
  reason: { type: 'string' },
  confirm: { type: 'string' },
  plan: { type: 'boolean' },
  list: { type: 'boolean' },
  force: { type: 'boolean' },
  'mark-bad': { type: 'boolean' },
  'no-mark-bad': { type: 'boolean' },
  stale: { type: 'boolean' },
  hosts: { type: 'string' },
  'skip-host': { type: 'string', multiple: true },
  batch: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(argv: string[]) {
  return parseCommandArgs(argv, options, true);
}
type Parsed = ReturnType<typeof parse>;
type Values = Parsed['values'];

const backendOptions = backendOptionsOf;

function target(parsed: Parsed, positional = 0): { service: string; environment: string } {
  const service = parsed.positionals[positional];
  if (!service) throw new UsageError('say which service (cockpit … SERVICE --env ENV)');
  if (parsed.positionals.length > positional + 1) {
    throw new UsageError(`unexpected argument "${parsed.positionals[positional + 1]}"`);
  }
  if (!parsed.values.env) throw new UsageError('say which environment with --env ENV');
  return { service, environment: parsed.values.env };
}

/** --hosts, --skip-host and --batch as the contract takes them. */
function hostChoice(values: Values, forRun = true): { hosts?: string[]; skipHosts?: string[]; batch?: number } {
  const hosts = values.hosts
    ?.split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  if (values.hosts !== undefined && hosts?.length === 0) throw new UsageError('--hosts needs host names: --hosts a,b');
  const skip = values['skip-host'];
  let batch: number | undefined;
  if (values.batch !== undefined) {
    batch = Number(values.batch);
    if (!Number.isInteger(batch) || batch < 1) throw new UsageError(`--batch needs a whole number of hosts, 1 or more`);
  }
  if (forRun && skip && skip.length > 0 && !values.reason) {
    throw new UsageError('say why the hosts are left out with --reason TEXT (it is journaled)');
  }
  return {
    ...(hosts ? { hosts } : {}),
    ...(skip && skip.length > 0 ? { skipHosts: skip } : {}),
    ...(batch !== undefined ? { batch } : {}),
  };
}

/** The typed confirmation for a protected environment: --confirm, else a prompt on a terminal, else none. */
async function confirmation(backend: Backend, environment: string, values: Values, io: CliIO, what: string) {
  if (values.confirm !== undefined) return values.confirm;
  const env = backend.workspace.current().workspace?.environments[environment];
  if (!env?.protected) return undefined;
  if (!process.stdin.isTTY) {
    throw new CockpitError('FORBIDDEN', `${environment} is protected: pass --confirm ${environment}`);
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    io.stderr(`${environment} is protected. Type its name to ${what}:`);
    return (await rl.question('> ')).trim();
  } finally {
    rl.close();
  }
}

/** Starts a run through the contract, prints its live log, and waits for its end (Ctrl-C asks it to cancel). */
async function follow(
  backend: Backend,
  io: CliIO,
  json: boolean,
  target: { service: string; environment: string },
  start: () => Promise<{ runId: string }>,
): Promise<number> {
  const write = createLiveLog((line) => io.stdout(line));
  const ended = new Map<
    string,
    { status: string; summary: string; outcome: DeployOutcome | null; problem: RunProblem | null }
  >();
  let wake: () => void = () => {};
  const unsubscribe = backend.events.subscribe((m) => {
    if (m.event !== 'deploys.run') return;
    const event = m.payload as RunEvent;
    if (!json) write(event);
    if (event.type === 'run.ended') {
      ended.set(event.runId, {
        status: event.status,
        summary: event.summary,
        outcome: event.outcome,
        problem: event.problem ?? null,
      });
      wake();
    }
  });
  let runId: string | null = null;
  let signalled = false;
  // Ctrl-C or a TERM (a CI job stopped) cancels the run and waits for it to clean up: switched hosts rolled
  // back, locks released. A second signal means "now": exit at once.
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(signal === 'SIGINT' ? 130 : 143);
    signalled = true;
    if (!runId) return;
    io.stderr('Cancelling… (switched hosts are rolled back; press Ctrl-C again to quit at once)');
    void Promise.resolve(backend.handlers['deploys.cancel']({ runId })).catch(() => {});
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    runId = (await start()).runId;
    const id = runId;
    // Signalled while the run was starting: cancel it now that it has an id.
    if (signalled) void Promise.resolve(backend.handlers['deploys.cancel']({ runId: id })).catch(() => {});
    while (!ended.has(id)) await new Promise<void>((resolve) => (wake = resolve));
    const end = ended.get(id) as NonNullable<ReturnType<typeof ended.get>>;
    if (json) io.stdout(JSON.stringify({ runId: id, ...end }, null, 2));
    else io.stdout(outcomeText(end.status, end.summary, end.outcome, end.problem, target));
    return end.status === 'succeeded' ? EXIT.ok : EXIT.failed;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    unsubscribe();
  }
}

async function deploy(parsed: Parsed, io: CliIO): Promise<number> {
  const t = target(parsed);
  const v = parsed.values;
  if (v.source && v.artifact) {
    throw new UsageError('give one of --source or --artifact (with --release as its label if you like)');
  }
  const release = {
    ...(v.release ? { ref: v.release } : {}),
    ...(v.source ? { dir: v.source } : {}),
    ...(v.artifact ? { artifact: v.artifact } : {}),
  };
  return withBackend({ ...backendOptions(v), io }, async (backend) => {
    if (v.plan) {
      const plan = await backend.handlers['deploys.plan']({ ...t, ...hostChoice(v, false), release });
      if (v.json) io.stdout(JSON.stringify(plan, null, 2));
      else {
        io.stdout(`Plan: ${plan.releaseId} to ${plan.hosts.join(', ')}`);
        if (plan.commit) io.stdout(`  builds commit ${plan.commit} (${plan.ref ?? 'the ref'}), not the working tree`);
        if (plan.upload) io.stdout(`  ${describeUpload(plan.upload)}`);
        plan.batches.forEach((b, i) => io.stdout(`  batch ${i + 1}: ${b.join(', ')}`));
        for (const s of plan.steps)
          io.stdout(
            `  ${s.scope === 'once' ? 'once     ' : 'each host'}  ${s.title}${s.command ? `: ${s.command}` : ''}`,
          );
      }
      return EXIT.ok;
    }
    const choice = hostChoice(v);
    const typed = await confirmation(backend, t.environment, v, io, 'deploy');
    return follow(backend, io, v.json === true, t, () =>
      Promise.resolve(
        backend.handlers['deploys.start']({
          ...t,
          ...choice,
          release,
          ...(v.reason ? { reason: v.reason } : {}),
          ...(typed !== undefined ? { confirmation: typed } : {}),
        }),
      ),
    );
  });
}

async function rollback(parsed: Parsed, io: CliIO): Promise<number> {
  const t = target(parsed);
  const v = parsed.values;
  return withBackend({ ...backendOptions(v), io }, async (backend) => {
    if (v.list) {
      const choices = await backend.handlers['deploys.rollbackOptions'](t);
      io.stdout(v.json ? JSON.stringify(choices, null, 2) : rollbackListText(choices));
      return EXIT.ok;
    }
    if (v['mark-bad'] && v['no-mark-bad']) throw new UsageError('give one of --mark-bad or --no-mark-bad');
    const markBad = v['mark-bad'] ? true : v['no-mark-bad'] ? false : undefined;
    const choice = hostChoice(v);
    const typed = await confirmation(backend, t.environment, v, io, 'roll back');
    return follow(backend, io, v.json === true, t, () =>
      Promise.resolve(
        backend.handlers['deploys.rollback']({
          ...t,
          ...choice,
          ...(v.to ? { to: v.to } : {}),
          ...(v.reason ? { reason: v.reason } : {}),
          ...(markBad !== undefined ? { markBad } : {}),
          ...(typed !== undefined ? { confirmation: typed } : {}),
        }),
      ),
    );
  });
}

/** `release unmark SERVICE --env ENV RELEASE --reason TEXT`. */
async function release(parsed: Parsed, io: CliIO): Promise<number> {
  if (parsed.positionals[0] !== 'unmark') throw new UsageError('expected `release unmark SERVICE --env ENV RELEASE`');
  const service = parsed.positionals[1];
  const id = parsed.positionals[2];
  if (!service || !id) throw new UsageError('say which service and release: release unmark SERVICE --env ENV RELEASE');
  if (parsed.positionals.length > 3) throw new UsageError(`unexpected argument "${parsed.positionals[3]}"`);
  const v = parsed.values;
  if (!v.env) throw new UsageError('say which environment with --env ENV');
  if (!v.reason) throw new UsageError('say why with --reason TEXT (it is journaled)');
  const input = { service, environment: v.env, release: id, reason: v.reason };
  return withBackend({ ...backendOptions(v), io }, async (backend) => {
    const result = await backend.handlers['deploys.clearMark'](input);
    if (v.json) io.stdout(JSON.stringify(result, null, 2));
    else {
      if (result.clearedOn.length > 0)
        io.stdout(`Cleared the BAD_RELEASE mark of ${id} on ${result.clearedOn.join(', ')}.`);
      for (const p of result.problems) io.stdout(`  not cleared: ${p}`);
    }
    return result.problems.length > 0 ? EXIT.failed : EXIT.ok;
  });
}

async function history(parsed: Parsed, io: CliIO): Promise<number> {
  const t = target(parsed);
  return withBackend({ ...backendOptions(parsed.values), io }, async (backend) => {
    const h = await backend.handlers['deploys.history'](t);
    io.stdout(parsed.values.json ? JSON.stringify(h, null, 2) : historyText(h, new Date()));
    // Nothing could be asked at all is a failure; some hosts out of reach is still an answer (listed).
    return h.unreachable.length > 0 && h.currentByHost.length === 0 ? EXIT.failed : EXIT.ok;
  });
}

async function lock(parsed: Parsed, io: CliIO): Promise<number> {
  const action = parsed.positionals[0];
  if (action !== 'status' && action !== 'release') throw new UsageError('expected `lock status` or `lock release`');
  const t = target(parsed, 1);
  const v = parsed.values;
  if (action === 'release' && !v.reason) throw new UsageError('say why with --reason TEXT (it is journaled)');
  if (v.force && v.stale) throw new UsageError('give one of --force or --stale');
  return withBackend({ ...backendOptions(v), io }, async (backend) => {
    const status =
      action === 'status'
        ? await backend.handlers['deploys.locks'](t)
        : await backend.handlers['deploys.releaseLock']({
            ...t,
            reason: v.reason ?? '',
            force: v.force === true,
            stale: v.stale === true,
          });
    io.stdout(v.json ? JSON.stringify(status, null, 2) : lockText(status));
    // A host that could not be asked may hold the lock: a script must not read that as "free".
    return status.hosts.some((h) => h.error) ? EXIT.failed : EXIT.ok;
  });
}

function command(usage: string, run: (parsed: Parsed, io: CliIO) => Promise<number>) {
  return async (argv: string[], io: CliIO): Promise<number> => {
    // Help wins wherever it appears, and never acts: no backend, no journal, no host.
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout(usage);
      return EXIT.ok;
    }
    try {
      return await run(parse(argv), io);
    } catch (error) {
      return reportCommandError(error, io, 'cockpit', usage);
    }
  };
}

export const deployCommands: Record<string, Command> = {
  deploy: {
    summary: 'deploy a release of a service, with a live log and automatic rollback',
    run: command(deployUsage, deploy),
  },
  rollback: {
    summary: 'roll a service back to its newest healthy release (or --to one)',
    run: command(rollbackUsage, rollback),
  },
  history: { summary: 'the deploy history of a service in an environment', run: command(historyUsage, history) },
  lock: { summary: 'show or release the deploy lock of a service', run: command(lockUsage, lock) },
  release: { summary: 'clear the BAD_RELEASE mark of a release (release unmark)', run: command(releaseUsage, release) },
};
