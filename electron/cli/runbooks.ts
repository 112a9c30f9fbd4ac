/**
 * `cockpit runbook list|show|run`: the Runbooks screen in a terminal, through the same backend, journal and
 * engine as the app's Run button. `run` prints the live log per host and step; confirm steps ask on this terminal
 * (`--yes` answers yes); a protected environment needs `--confirm ENV` (or its name typed at a prompt); Ctrl-C
 * cancels at the current step. `--help` anywhere prints help and does nothing else.
 */
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { userInfo } from 'node:os';
import { type RunEvent } from '../../shared/model/deploys';
import { type RunbookDetail, type RunbookRun, type RunbookSummary } from '../../shared/model/runbooks';
import { CockpitError } from '../../shared/rpc';
import { type Backend } from '../backend';
import { createLiveLog } from '../deploys/cli-text';
import { type Command } from './command';
import { UsageError, backendOptionsOf, parseCommandArgs, reportCommandError } from './args';
import { backendArgHelp, backendArgOptions, withBackend } from './context';
import { type CliIO, EXIT } from './io';

export const runbookUsage = `Usage: cockpit runbook list [--json] [options]
       cockpit runbook show ID [--env ENV] [--json] [options]
       cockpit runbook run ID --env ENV [--confirm ENV] [--yes] [--reason TEXT] [--json] [options]

  list               the workspace's runbooks, what they answer and their last run
  show ID            a runbook's steps as they will run in ENV (default: its first environment) and its doc
  run ID --env ENV   runs it: the live log per host and step; Ctrl-C cancels at the current step

Options:
  --env ENV          the environment
  --confirm ENV      for a protected environment: its name (asked at a prompt when stdin is a terminal)
  --yes              answer yes to the runbook's confirm steps (default: ask on the terminal; without one, no)
  --reason TEXT      why (journaled with the run)
  --json             print JSON (list and show: the app's contract; run: the run's record when it ends)
${backendArgHelp}
  -h, --help         print this help and do nothing else

Exit status: 0 done (run: it succeeded), 1 failed, cancelled or not found, 2 usage error.
`;

const options = {
  ...backendArgOptions,
  env: { type: 'string' },
  confirm: { type: 'string' },
  yes: { type: 'boolean' },
  reason: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseCommandArgs<typeof options, true>>['values'];

function lastRunText(run: RunbookRun | null): string {
  if (!run) return 'never run';
  const by = run.actor ? ` by ${run.actor}` : '';
  return `last run ${run.status} in ${run.environment} at ${run.startedAt}${by}`;
}

export function runbooksText(list: RunbookSummary[]): string {
  if (list.length === 0) return 'No runbooks yet: add them under runbooks: in cockpit.yaml (see docs/runbooks.md).\n';
  const width = Math.max(...list.map((r) => r.id.length));
  const lines = list.map((r) => {
    const what = [
      `${r.service} (${r.environments.join(', ') || 'no environment'})`,
      r.for.length > 0 ? `for ${r.for.join(', ')}` : null,
      r.covers.length > 0 ? `covers ${r.covers.join(', ')}` : null,
      r.steps === 0 ? 'document only' : `${r.steps} step${r.steps === 1 ? '' : 's'}`,
      lastRunText(r.lastRun),
    ].filter(Boolean);
    return `  ${r.id.padEnd(width)}  ${r.title} — ${what.join(' · ')}`;
  });
  return `${lines.join('\n')}\n`;
}

export function runbookText(detail: RunbookDetail, docPath: string | null): string {
  const lines = [
    `${detail.title} (${detail.id}) — ${detail.service} in ${detail.environment}${detail.protected ? ' (protected: --confirm ' + detail.environment + ')' : ''}`,
  ];
  if (detail.for.length > 0) lines.push(`  for: ${detail.for.join(', ')}`);
  if (detail.covers.length > 0) lines.push(`  covers: ${detail.covers.join(', ')}`);
  if (detail.environments.length > 1) lines.push(`  runs in: ${detail.environments.join(', ')}`);
  if (docPath) lines.push(`  doc: ${docPath}${detail.docProblem ? ` — ${detail.docProblem}` : ''}`);
  lines.push('', detail.stepViews.length > 0 ? 'Steps:' : 'No steps: a document only.');
  for (const step of detail.stepViews) {
    if (step.kind === 'confirm') lines.push(`  ${step.index}. Confirm: ${step.text}`);
    else if (step.kind === 'gate') lines.push(`  ${step.index}. ${step.title}`);
    else {
      lines.push(`  ${step.index}. ${step.title} — on ${step.hosts.join(', ')}`);
      for (const line of step.text.split('\n')) lines.push(`       ${line}`);
    }
  }
  if (detail.runs.length > 0) {
    lines.push('', 'Runs:');
    for (const run of detail.runs.slice(0, 5)) {
      lines.push(
        `  ${run.startedAt}  ${run.status} in ${run.environment}${run.actor ? ` by ${run.actor}` : ''} (${run.runId})`,
      );
      if (run.summary && run.status !== 'succeeded') lines.push(`    ${run.summary.split('\n')[0]}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function idOf(positionals: string[], sub: string): string {
  const id = positionals[1];
  if (!id)
    throw new UsageError(`name the runbook: cockpit runbook ${sub} ID (the ids are in \`cockpit runbook list\`)`);
  if (positionals.length > 2) throw new UsageError(`unexpected argument "${positionals[2]}": name one runbook`);
  return id;
}

/** The typed confirmation for a protected environment: --confirm, else a prompt on a terminal, else none. */
async function confirmation(backend: Backend, environment: string, values: Values, io: CliIO, title: string) {
  if (values.confirm !== undefined) return values.confirm;
  const env = backend.workspace.current().workspace?.environments[environment];
  if (!env?.protected) return undefined;
  if (!process.stdin.isTTY) {
    throw new CockpitError('FORBIDDEN', `${environment} is protected: pass --confirm ${environment} to run "${title}"`);
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    io.stderr(`${environment} is protected. Type its name to run "${title}":`);
    return (await rl.question('> ')).trim();
  } finally {
    rl.close();
  }
}

async function run(backend: Backend, id: string, values: Values, io: CliIO): Promise<number> {
  const environment = values.env;
  if (!environment) throw new UsageError('say which environment with --env ENV');
  const service = backend.features.runbooks.service;
  const title = backend.workspace.current().workspace?.runbooks.find((r) => r.id === id)?.title ?? id;
  const typed = await confirmation(backend, environment, values, io, title);
  const write = createLiveLog((line) => io.stdout(line));
  // This process runs one runbook: every run event it hears is that run's.
  const unsubscribe = backend.events.subscribe((m) => {
    if (m.event === 'runbooks.run' && !values.json) write(m.payload as RunEvent);
  });
  let runId: string | null = null;
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(signal === 'SIGINT' ? 130 : 143);
    signalled = true;
    if (!runId) return;
    io.stderr('Cancelling at the current step… (press Ctrl-C again to quit at once)');
    try {
      service.cancel(runId);
    } catch {
      // It ended meanwhile.
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    runId = service.start(
      {
        id,
        environment,
        ...(values.reason ? { reason: values.reason } : {}),
        ...(typed !== undefined ? { confirmation: typed } : {}),
      },
      {
        actor: `cli:${userInfo().username}`,
        ...(values.yes
          ? {
              confirm: async (prompt: string) => {
                if (!values.json) io.stdout(`? ${prompt} yes (--yes)`);
                return true;
              },
            }
          : {}),
      },
    ).runId;
    const ended = await service.wait(runId);
    if (values.json) io.stdout(JSON.stringify(ended, null, 2));
    else io.stdout(`${ended.status === 'succeeded' ? '✓' : '✗'} ${ended.summary ?? ended.status}`);
    return ended.status === 'succeeded' ? EXIT.ok : EXIT.failed;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    unsubscribe();
  }
}

export async function runRunbook(argv: string[], io: CliIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(runbookUsage);
    return EXIT.ok;
  }
  try {
    const { values, positionals } = parseCommandArgs(argv, options, true);
    const sub = positionals[0];
    if (sub !== 'list' && sub !== 'show' && sub !== 'run') {
      throw new UsageError(
        sub === undefined
          ? 'say what to do: list, show ID or run ID --env ENV'
          : `unknown argument "${sub}": use list, show ID or run ID --env ENV`,
      );
    }
    if (sub === 'list' && positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    const id = sub === 'list' ? '' : idOf(positionals, sub);
    if (sub !== 'run' && (values.confirm !== undefined || values.yes || values.reason !== undefined)) {
      throw new UsageError('--confirm, --yes and --reason are for `cockpit runbook run`');
    }
    return await withBackend({ ...backendOptionsOf(values), io }, async (backend) => {
      const handlers = backend.handlers;
      if (sub === 'list') {
        const { runbooks } = await handlers['runbooks.list']({});
        io.stdout(values.json ? JSON.stringify({ runbooks }, null, 2) : runbooksText(runbooks));
        return EXIT.ok;
      }
      if (sub === 'show') {
        const detail = await handlers['runbooks.get']({ id, ...(values.env ? { environment: values.env } : {}) });
        const from = backend.workspace.current().loadedFrom?.path;
        const docPath = detail.doc && from ? resolve(dirname(from), detail.doc) : detail.doc;
        io.stdout(values.json ? JSON.stringify(detail, null, 2) : runbookText(detail, docPath));
        return EXIT.ok;
      }
      return run(backend, id, values, io);
    });
  } catch (error) {
    return reportCommandError(error, io, 'cockpit runbook', runbookUsage);
  }
}

export const runbooksCommands: Record<string, Command> = {
  runbook: {
    summary: 'runbooks: list, show ID (steps as they will run, the doc) or run ID --env ENV (live log)',
    run: runRunbook,
  },
};
