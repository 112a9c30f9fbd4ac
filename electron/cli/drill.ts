/**
 * `cockpit drill restore|report|list`: the Drills screen in a terminal, through the same backend, journal, lock
 * and evidence as the app's "Run restore drill" button. The live log streams per step; Ctrl-C cancels the drill
 * the way the Cancel button does (its teardown still runs). A drill host in a protected environment needs
 * `--confirm ENV` (or the name typed at a prompt when stdin is a terminal). `--help` anywhere prints help and does
 * nothing else. Exit 0 ok, 1 failed, 2 usage.
 */
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { type RestoreDrill } from '../../shared/model/backups';
import { type RunEvent } from '../../shared/model/deploys';
import { CockpitError } from '../../shared/rpc';
import { type Backend } from '../backend';
import { againstTarget, missedTargets } from '../backups/drill/measure';
import { createLiveLog } from '../deploys/cli-text';
import { humanDuration } from '../health/words';
import { UsageError, backendOptionsOf, parseCommandArgs, reportCommandError } from './args';
import { type Command } from './command';
import { backendArgHelp, backendArgOptions, withBackend } from './context';
import { type CliIO, EXIT } from './io';
import {
  rollbackDrill,
  rollbackDrillHelp,
  rollbackDrillOptionHelp,
  rollbackDrillOptions,
  rollbackDrillUsage,
} from './drill-rollback';

export const drillUsage = `Usage: cockpit drill restore SERVICE/BACKUP [--copy ID] [--confirm ENV] [--json] [options]
       cockpit drill report RUN [--format md] [--out FILE] [options]
       cockpit drill list [SERVICE/BACKUP] [--json] [options]
${rollbackDrillUsage}

restore  Runs the backup's restore drill: preflight (drill host reachable, scratch target free, lock) → restore a
         copy (the drill's choice: the newest, or a random one of the last N) into a scratch target → smoke
         checks → teardown, which always runs. The live log is printed per step; Ctrl-C cancels (the teardown
         still runs). At the end: RTO and RPO achieved against their targets, and each check.
report   Prints a drill's evidence as Markdown (or writes it to FILE with --out): a restore drill's (RUN) or a
         rollback drill's (its id).
list     Restore drills, newest first, with their verdict.
${rollbackDrillHelp}

  --copy ID          restore this copy (an id from \`cockpit backups\`) instead of the drill's choice
  --confirm ENV      when the drill host (or a rollback drill's environment) is protected: its name (asked at a
                     prompt when stdin is a terminal)
  --format md        the report's format (Markdown, the only one)
  --out FILE         write the report to FILE instead of printing it
  --limit N          how many drills to list (default 20)
${rollbackDrillOptionHelp}
  --json             print JSON instead of text
${backendArgHelp}
  -h, --help         print this help and do nothing else

Exit status: 0 ok, 1 the drill failed (or could not start), 2 usage error.
`;

const options = {
  ...backendArgOptions,
  ...rollbackDrillOptions,
  copy: { type: 'string' },
  confirm: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(argv: string[]) {
  return parseCommandArgs(argv, options, true);
}
type Parsed = ReturnType<typeof parse>;

/** `service/backup`, or a backup id that only one service declares. */
async function backupRef(backend: Backend, ref: string): Promise<{ service: string; backup: string }> {
  const slash = ref.indexOf('/');
  if (slash > 0 && slash < ref.length - 1) return { service: ref.slice(0, slash), backup: ref.slice(slash + 1) };
  const { backups } = await backend.handlers['backups.list']({});
  const matches = backups.filter((b) => b.id === ref);
  if (matches.length === 1 && matches[0]) return { service: matches[0].service, backup: matches[0].id };
  if (matches.length > 1) {
    throw new UsageError(`"${ref}" names a backup of several services: say which, e.g. ${matches[0]?.key ?? ''}`);
  }
  throw new CockpitError(
    'NOT_FOUND',
    `No backup "${ref}" is declared in the workspace. \`cockpit backups\` lists them as SERVICE/BACKUP.`,
  );
}

/** The evidence at the end of a drill: the verdict, RTO/RPO against targets, each check. */
export function drillEvidenceText(drill: RestoreDrill): string {
  const lines: string[] = [];
  const verdict =
    drill.status === 'succeeded'
      ? '✓ Drill succeeded'
      : drill.status === 'cancelled'
        ? '■ Drill cancelled'
        : '✗ Drill failed';
  lines.push('', `${verdict}: ${drill.service}/${drill.backup} (run ${drill.runId})`);
  if (drill.summary) lines.push(`  ${drill.summary}`);
  if (drill.copy) {
    lines.push(
      `  copy      ${drill.copy.id} (${drill.copy.time}; ${drill.copyChoice})${drill.checksum ? ` ${drill.checksum}` : ''}`,
    );
  }
  lines.push(`  ${againstTarget('RTO', drill.rtoMs, drill.rtoTargetMs)}`);
  lines.push(
    `  ${againstTarget('RPO', drill.rpoMs, drill.rpoTargetMs)}${drill.rpoFrom ? `, from ${drill.rpoFrom}` : ''}`,
  );
  for (const missed of drill.status === 'succeeded' ? missedTargets(drill) : [])
    lines.push(`  ! target missed: ${missed}`);
  for (const p of drill.phases) {
    lines.push(
      `  ${p.ok ? '✓' : '✗'} ${p.name.padEnd(9)} ${humanDuration(p.durationMs).padStart(7)}  ${p.detail ?? ''}`.trimEnd(),
    );
  }
  for (const c of drill.checks) {
    const exit = c.exitCode === null ? 'no exit code' : `exit ${c.exitCode}`;
    lines.push(
      `  ${c.ok ? '✓' : '✗'} check ${c.name} (${exit}${c.expected ? `; expected ${c.expected}` : ''})${c.ok ? '' : `: ${c.detail ?? ''}`}`,
    );
  }
  if (drill.teardownOk === null && drill.phases.some((p) => p.name === 'restore')) {
    lines.push('  no teardown declared: the scratch target was left as the restore made it');
  }
  lines.push(`  Report: cockpit drill report ${drill.runId} --out restore-drill.md`);
  return lines.join('\n');
}

/** The typed confirmation: asked at a prompt when the backend says the drill host's environment is protected. */
async function askConfirmation(environment: string, io: CliIO): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    io.stderr(`The drill host is in ${environment}, which is protected. Type its name to run the restore drill:`);
    return (await rl.question('> ')).trim();
  } finally {
    rl.close();
  }
}

function needsConfirmation(error: unknown): string | null {
  if (!(error instanceof CockpitError) || error.code !== 'FORBIDDEN') return null;
  const details = error.details as { needsConfirmation?: unknown } | undefined;
  return typeof details?.needsConfirmation === 'string' ? details.needsConfirmation : null;
}

async function restore(parsed: Parsed, io: CliIO): Promise<number> {
  const ref = parsed.positionals[1];
  if (!ref) throw new UsageError('say which backup: cockpit drill restore SERVICE/BACKUP');
  if (parsed.positionals.length > 2) throw new UsageError(`unexpected argument "${parsed.positionals[2]}"`);
  const v = parsed.values;
  const json = v.json === true;
  return withBackend({ ...backendOptionsOf(v), io }, async (backend) => {
    const target = await backupRef(backend, ref);
    const write = createLiveLog((line) => io.stdout(line));
    let runId: string | null = null;
    let ended = false;
    let wake: () => void = () => {};
    const unsubscribe = backend.events.subscribe((m) => {
      if (m.event !== 'backups.drillRun') return;
      const event = m.payload as RunEvent;
      // Events of this drill only; before the id is known, only this drill can be starting in this process.
      if (runId !== null && event.runId !== runId) return;
      if (!json) write(event);
      if (event.type === 'run.ended' && (runId === null || event.runId === runId)) {
        ended = true;
        wake();
      }
    });
    let signalled = false;
    const cancel = () => {
      if (runId) void Promise.resolve(backend.handlers['backups.cancelDrill']({ runId })).catch(() => {});
    };
    // Ctrl-C or TERM cancels and waits for the teardown; a second one quits at once.
    const onSignal = (signal: NodeJS.Signals) => {
      if (signalled) process.exit(signal === 'SIGINT' ? 130 : 143);
      signalled = true;
      io.stderr('Cancelling… (the teardown still runs; press Ctrl-C again to quit at once)');
      cancel();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const start = (confirmation: string | undefined) =>
        Promise.resolve(
          backend.handlers['backups.drill']({
            ...target,
            ...(v.copy !== undefined ? { copy: v.copy } : {}),
            ...(confirmation !== undefined ? { confirmation } : {}),
          }),
        );
      let started: { runId: string };
      try {
        started = await start(v.confirm);
      } catch (error) {
        const environment = needsConfirmation(error);
        if (!environment || v.confirm !== undefined || !process.stdin.isTTY) {
          if (environment && v.confirm === undefined) {
            throw new CockpitError('FORBIDDEN', `${(error as Error).message} Pass --confirm ${environment}.`);
          }
          throw error;
        }
        ended = false;
        started = await start(await askConfirmation(environment, io));
      }
      runId = started.runId;
      if (signalled) cancel();
      while (!ended) await new Promise<void>((resolve) => (wake = resolve));
      const { drill, log } = await backend.handlers['backups.drillRun']({ runId });
      if (json) io.stdout(JSON.stringify({ drill, log }, null, 2));
      else io.stdout(drillEvidenceText(drill));
      return drill.status === 'succeeded' ? EXIT.ok : EXIT.failed;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      unsubscribe();
    }
  });
}

/** A restore drill's evidence, else a rollback drill's report: one `drill report ID` for both kinds. */
async function drillReport(backend: Backend, runId: string): Promise<{ filename: string; text: string }> {
  try {
    return await backend.handlers['backups.drillReport']({ runId, format: 'md' });
  } catch (error) {
    if (!(error instanceof CockpitError) || error.code !== 'NOT_FOUND') throw error;
    try {
      const { markdown, fileName } = await backend.handlers['drills.report']({ drillId: runId });
      return { filename: fileName, text: markdown };
    } catch (rollbackError) {
      // Neither kind has it: the restore drill's "not found" says it in the words users already know.
      if (rollbackError instanceof CockpitError && rollbackError.code === 'NOT_FOUND') throw error;
      throw rollbackError;
    }
  }
}

async function report(parsed: Parsed, io: CliIO): Promise<number> {
  const runId = parsed.positionals[1];
  if (!runId) throw new UsageError('say which drill: cockpit drill report RUN (run ids: cockpit drill list)');
  if (parsed.positionals.length > 2) throw new UsageError(`unexpected argument "${parsed.positionals[2]}"`);
  const v = parsed.values;
  if (v.format !== undefined && v.format !== 'md') throw new UsageError(`--format ${v.format}: only md is supported`);
  return withBackend({ ...backendOptionsOf(v), io }, async (backend) => {
    const { filename, text } = await drillReport(backend, runId);
    if (v.out) {
      writeFileSync(v.out, text);
      io.stdout(`Wrote the report of drill ${runId} to ${v.out} (suggested name: ${filename}).`);
    } else io.stdout(text);
    return EXIT.ok;
  });
}

async function list(parsed: Parsed, io: CliIO): Promise<number> {
  const ref = parsed.positionals[1];
  if (parsed.positionals.length > 2) throw new UsageError(`unexpected argument "${parsed.positionals[2]}"`);
  const v = parsed.values;
  const limit = v.limit === undefined ? 20 : Number(v.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw new UsageError('--limit needs a whole number from 1 to 500');
  return withBackend({ ...backendOptionsOf(v), io }, async (backend) => {
    const filter = ref ? await backupRef(backend, ref) : {};
    const { drills } = await backend.handlers['backups.drills']({ ...filter, limit });
    if (v.json) io.stdout(JSON.stringify(drills, null, 2));
    else if (drills.length === 0) io.stdout(ref ? `No restore drill of ${ref} yet.` : 'No restore drill yet.');
    else {
      for (const d of drills) {
        const mark =
          d.status === 'succeeded' ? '✓' : d.status === 'running' ? '…' : d.status === 'cancelled' ? '■' : '✗';
        io.stdout(`${mark} ${d.startedAt}  ${`${d.service}/${d.backup}`.padEnd(24)} ${d.status.padEnd(9)} ${d.runId}`);
        if (d.summary) io.stdout(`    ${d.summary}`);
      }
    }
    return EXIT.ok;
  });
}

async function runDrill(argv: string[], io: CliIO): Promise<number> {
  // Help wins wherever it appears, and never acts: no backend, no journal, no host.
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(drillUsage);
    return EXIT.ok;
  }
  try {
    const parsed = parse(argv);
    const action = parsed.positionals[0];
    if (action === 'restore') return await restore(parsed, io);
    if (action === 'report') return await report(parsed, io);
    if (action === 'list') return await list(parsed, io);
    if (action === 'rollback') return await rollbackDrill({ ...parsed, positionals: parsed.positionals.slice(1) }, io);
    throw new UsageError(
      action
        ? `unknown action "${action}": expected restore, rollback, report or list`
        : 'expected restore, rollback, report or list',
    );
  } catch (error) {
    return reportCommandError(error, io, 'cockpit drill', drillUsage);
  }
}

export const drillCommands: Record<string, Command> = {
  drill: {
    summary: "run a restore drill of a backup or a service's rollback drill, or print a drill's report",
    run: runDrill,
  },
};
