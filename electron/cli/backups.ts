/**
 * `cockpit backups` and `cockpit backups verify [ID]`: the Backups screen in a terminal, through the same backend,
 * journal and SSH pool as the app. `cockpit backups` verifies every backup now (or, with --cached, shows the last
 * verifications the journal holds) and prints them worst first; `verify` prints each check with what it proves and
 * what it does not. `--help` anywhere prints help and does nothing else.
 */
import { type BackupsOverview } from '../../shared/api/backups';
import { type BackupStatus, type VerificationCheck } from '../../shared/model/backups';
import { CockpitError } from '../../shared/rpc';
import { declaredBackups, parseBackupId } from '../backups/declared';
import { overviewOf } from '../backups/status';
import { humanAge, humanBytes } from '../backups/words';
import { type Command } from './command';
import { UsageError, backendOptionsOf, parseCommandArgs, reportCommandError, workspaceProblem } from './args';
import { backendArgHelp, backendArgOptions, withBackend } from './context';
import { type CliIO, EXIT } from './io';

export const backupsUsage = `Usage: cockpit backups [--cached] [--json] [options]
       cockpit backups verify [SERVICE/BACKUP | BACKUP] [--json] [options]

Backups against their promises: the newest copy's age against the RPO, its size against the copies before it,
the number of copies, the integrity command and the restore drill's last result and due date.

  cockpit backups            verifies every declared backup now and prints them, worst first
  cockpit backups --cached   the last verifications the journal holds, without running anything
  cockpit backups verify     verifies the backups (all, or the one named) and prints every check with what it
                             proves and what it does not

Options:
  --cached           show the last verifications instead of verifying now (cockpit backups only)
  --json             print the result as JSON (the app's contract: backups, worst, verdict)
${backendArgHelp}
  -h, --help         print this help and do nothing else

Exit status: 0 every promise kept, 1 a promise is broken (backups) or a check failed or could not run (verify),
2 usage error.
`;

const options = {
  ...backendArgOptions,
  cached: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const marks: Record<BackupStatus['health'], string> = { ok: '✓', warning: '!', broken: '✗', unknown: '?' };
const checkMarks: Record<VerificationCheck['status'], string> = {
  ok: '✓',
  warning: '!',
  failed: '✗',
  error: '?',
  skipped: '-',
};

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '))
    .join('\n');
}

function ago(iso: string | null | undefined, now: number): string {
  return iso ? `${humanAge(now - Date.parse(iso))} ago` : 'never';
}

function drillCell(b: BackupStatus, now: number): string {
  if (!b.drill) return 'no drill declared';
  const last = b.drill.last ? `${b.drill.last.status} ${ago(b.drill.last.startedAt, now)}` : 'never';
  const due = Date.parse(b.drill.dueAt);
  const next = b.drill.overdue ? 'overdue' : `due in ${humanAge(due - now)}`;
  return `${last}; ${b.drill.running ? 'running now' : next}`;
}

export function overviewText(overview: BackupsOverview, now: number): string {
  if (overview.backups.length === 0) return `${overview.verdict}\n`;
  const rows = [['', 'BACKUP', 'NEWEST / RPO', 'SIZE', 'COPIES', 'VERIFIED', 'DRILL']];
  for (const b of overview.backups) {
    rows.push([
      marks[b.health],
      b.key,
      b.ageMs === null ? `— / ${humanAge(b.rpoMs)}` : `${humanAge(b.ageMs)} / ${humanAge(b.rpoMs)}`,
      b.newest?.size == null ? '—' : humanBytes(b.newest.size),
      b.copies === null ? '—' : `${b.copies} (min ${b.minCopies})`,
      ago(b.lastVerification?.at, now),
      drillCell(b, now),
    ]);
  }
  const reasons = overview.backups
    .filter((b) => b.health !== 'ok')
    .map((b) => `${marks[b.health]} ${b.key}: ${b.reason}`);
  return [table(rows), '', ...(reasons.length ? [...reasons, ''] : []), overview.verdict, ''].join('\n');
}

export function verificationText(overview: BackupsOverview): string {
  const lines: string[] = [];
  for (const b of overview.backups) {
    const v = b.lastVerification;
    lines.push(`${marks[b.health]} ${b.key} — ${b.source}`);
    if (!v) {
      lines.push('  not verified', '');
      continue;
    }
    for (const check of v.checks) {
      lines.push(`  ${checkMarks[check.status]} ${check.kind.padEnd(9)} ${check.summary}`);
      if (check.status === 'skipped') continue;
      if (check.command) lines.push(`      command: ${check.command}`);
      if (check.status !== 'ok' && check.output) {
        lines.push(
          ...check.output
            .split('\n')
            .slice(-5)
            .map((line) => `      | ${line}`),
        );
      }
      lines.push(`      proves: ${check.proves}`, `      does not prove: ${check.doesNotProve}`);
    }
    lines.push(`  ${b.health === 'ok' ? 'keeps its promises' : b.reason}`, '');
  }
  lines.push(overview.verdict, '');
  return lines.join('\n');
}

const failedChecks = (overview: BackupsOverview) =>
  overview.backups.some((b) => b.lastVerification?.checks.some((c) => c.status === 'failed' || c.status === 'error'));

export async function runBackups(argv: string[], io: CliIO): Promise<number> {
  // Help wins wherever it appears, and never acts.
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(backupsUsage);
    return EXIT.ok;
  }
  try {
    const { values, positionals } = parseCommandArgs(argv, options, true);
    const [sub, id, ...extra] = positionals;
    if (sub !== undefined && sub !== 'verify') {
      throw new UsageError(`unknown argument "${sub}" (did you mean \`cockpit backups verify ${sub}\`?)`);
    }
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}": name one backup at most`);
    if (sub === 'verify' && values.cached)
      throw new UsageError('--cached is for `cockpit backups`; verify always runs');
    return await withBackend({ ...backendOptionsOf(values), io }, async (backend) => {
      const problem = workspaceProblem(backend);
      if (problem) throw new CockpitError('INVALID_WORKSPACE', problem);
      const handlers = backend.handlers;
      if (sub === 'verify') {
        const all = declaredBackups(backend.workspace.current().workspace);
        const ref = id === undefined ? undefined : parseBackupId(all, id);
        if (id !== undefined && !ref) {
          const known = all.map((b) => b.key).join(', ') || 'none';
          throw new CockpitError('NOT_FOUND', `No backup "${id}" in this workspace (declared: ${known}).`);
        }
        const everything = await handlers['backups.verify'](ref ? { service: ref.service, backup: ref.backup } : {});
        // The contract answers with every backup; the command shows only what it verified.
        const verified = everything.backups.filter((b) => !ref || (b.service === ref.service && b.id === ref.backup));
        const overview = ref ? overviewOf(verified) : everything;
        io.stdout(values.json ? JSON.stringify(overview, null, 2) : verificationText(overview));
        return failedChecks(overview) ? EXIT.failed : EXIT.ok;
      }
      const overview = values.cached ? await handlers['backups.list']({}) : await handlers['backups.verify']({});
      io.stdout(values.json ? JSON.stringify(overview, null, 2) : overviewText(overview, Date.now()));
      return overview.backups.some((b) => b.health === 'broken') ? EXIT.failed : EXIT.ok;
    });
  } catch (error) {
    return reportCommandError(error, io, 'cockpit backups', backupsUsage);
  }
}

export const backupsCommands: Record<string, Command> = {
  backups: {
    summary: 'backups against their RPO, size, copies, integrity and restore drills; verify them now',
    run: runBackups,
  },
};
