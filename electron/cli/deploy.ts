/**
 * `cockpit deploy`, `rollback`, `history` and `lock`: the Deploys screen in a terminal, through the same backend,
 * journal, locks and health gate as the app's buttons. The live log streams per host and step; Ctrl-C cancels the
 * run the way the Cancel button does (hosts already switched are rolled back). A protected environment needs
 * `--confirm ENV` (or the name typed at a prompt when stdin is a terminal). `--help` anywhere prints help and does
 * nothing else. Exit 0 ok, 1 failed (the message says where each host stands), 2 usage.
 */
import { createInterface } from 'node:readline/promises';
import { type DeployOutcome, type RunEvent, type RunProblem } from '../../shared/model/deploys';
import { type Backend } from '../backend';
import { historyText, lockText, outcomeText, createLiveLog } from '../deploys/cli-text';
import { type Command } from './command';
import { UsageError, backendOptionsOf, parseCommandArgs, reportCommandError } from './args';
import { backendArgHelp, backendArgOptions, withBackend } from './context';
import { type CliIO, EXIT } from './io';

const common = `  --env ENV          the environment (required)
  --json             print JSON instead of text
${backendArgHelp}
  -h, --help         print this help and do nothing else

Exit status: 0 ok, 1 failed (the message says where each host stands), 2 usage error.`;

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
  --plan             print the plan (hosts, batches, steps) and change nothing
${common}
`;

export const rollbackUsage = `Usage: cockpit rollback SERVICE --env ENV [--to RELEASE] [options]

Switches every host of ENV back to RELEASE — by default the newest release that was healthy — restarts, and
waits for the health gate. The release rolled away from is marked BAD_RELEASE.

  --to RELEASE       a release id (see \`cockpit history\`); default: the newest healthy one
  --list             print the choices (default first) and change nothing
  --reason TEXT      why
  --confirm ENV      for a protected environment: its name
${common}
`;

export const historyUsage = `Usage: cockpit history SERVICE --env ENV [--json] [options]

The deploy timeline of SERVICE in ENV: this cockpit's journal merged with what the hosts hold, so deploys made
outside the app appear too, marked as such. Then the current release, the last known good one and the DORA
figures (deploy frequency, change failure rate, time to restore). Changes nothing.

${common}
`;

export const lockUsage = `Usage: cockpit lock status SERVICE --env ENV [options]
       cockpit lock release SERVICE --env ENV --reason TEXT [--force] [options]

The deploy lock every deploy and rollback takes on each host (who, since when, for what, why).
\`release\` frees it; a lock held by someone else needs --force (journaled with the reason).

  --reason TEXT      why the lock is released (required for release)
  --force            release a lock held by someone else
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

/** The typed confirmation for a protected environment: --confirm, else a prompt on a terminal, else none. */
async function confirmation(backend: Backend, environment: string, values: Values, io: CliIO, what: string) {
  if (values.confirm !== undefined) return values.confirm;
  const env = backend.workspace.current().workspace?.environments[environment];
  if (!env?.protected || !process.stdin.isTTY) return undefined;
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
  const onSigint = () => {
    if (!runId) return;
    io.stderr('Cancelling… (switched hosts are rolled back)');
    void Promise.resolve(backend.handlers['deploys.cancel']({ runId })).catch(() => {});
  };
  process.on('SIGINT', onSigint);
  try {
    runId = (await start()).runId;
    const id = runId;
    while (!ended.has(id)) await new Promise<void>((resolve) => (wake = resolve));
    const end = ended.get(id) as NonNullable<ReturnType<typeof ended.get>>;
    if (json) io.stdout(JSON.stringify({ runId: id, ...end }, null, 2));
    else io.stdout(outcomeText(end.status, end.summary, end.outcome, end.problem));
    return end.status === 'succeeded' ? EXIT.ok : EXIT.failed;
  } finally {
    process.off('SIGINT', onSigint);
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
      const plan = await backend.handlers['deploys.plan']({ ...t, release });
      if (v.json) io.stdout(JSON.stringify(plan, null, 2));
      else {
        io.stdout(`Plan: ${plan.releaseId} to ${plan.hosts.join(', ')}`);
        if (plan.commit) io.stdout(`  builds commit ${plan.commit} (${plan.ref ?? 'the ref'}), not the working tree`);
        plan.batches.forEach((b, i) => io.stdout(`  batch ${i + 1}: ${b.join(', ')}`));
        for (const s of plan.steps)
          io.stdout(
            `  ${s.scope === 'once' ? 'once     ' : 'each host'}  ${s.title}${s.command ? `: ${s.command}` : ''}`,
          );
      }
      return EXIT.ok;
    }
    const typed = await confirmation(backend, t.environment, v, io, 'deploy');
    return follow(backend, io, v.json === true, () =>
      Promise.resolve(
        backend.handlers['deploys.start']({
          ...t,
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
      if (v.json) io.stdout(JSON.stringify(choices, null, 2));
      else {
        io.stdout(`Now: ${choices.current ?? 'differs per host'}`);
        if (choices.problem) io.stdout(`No default: ${choices.problem}`);
        for (const o of choices.options) io.stdout(`  ${o.isDefault ? '*' : ' '} ${o.id}  ${o.label}`);
      }
      return EXIT.ok;
    }
    const typed = await confirmation(backend, t.environment, v, io, 'roll back');
    return follow(backend, io, v.json === true, () =>
      Promise.resolve(
        backend.handlers['deploys.rollback']({
          ...t,
          ...(v.to ? { to: v.to } : {}),
          ...(v.reason ? { reason: v.reason } : {}),
          ...(typed !== undefined ? { confirmation: typed } : {}),
        }),
      ),
    );
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
  return withBackend({ ...backendOptions(v), io }, async (backend) => {
    const status =
      action === 'status'
        ? await backend.handlers['deploys.locks'](t)
        : await backend.handlers['deploys.releaseLock']({ ...t, reason: v.reason ?? '', force: v.force === true });
    io.stdout(v.json ? JSON.stringify(status, null, 2) : lockText(status));
    return EXIT.ok;
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
};
