/**
 * `cockpit scorecard [--json] [--threshold N]`: the readiness scorecard in a terminal, from the same backend and
 * journal as the app (no host or AWS request is made to compute it). Exits 1 below the threshold — the workspace's
 * `readiness.threshold`, or `--threshold` — so CI can gate a change on it.
 */
import { type ReadinessItem, type Scorecard } from '../../shared/model/readiness';
import { type Command } from './command';
import { UsageError, backendOptionsOf, parseCommandArgs, reportCommandError, workspaceProblem } from './args';
import { backendArgHelp, backendArgOptions, withBackend } from './context';
import { type CliIO, EXIT } from './io';

export const scorecardUsage = `Usage: cockpit scorecard [--json] [--threshold N] [options]

The readiness scorecard: the production checklist (critical checks, alerts, rollback practised, releases kept,
backups fresh and restored, budgets, tagged spend, host keys, production protected, runbooks, incident figures),
each item ✓ green, ! amber or ✕ red with its evidence and how to fix it, and the score out of 100. Computed from
what the cockpit already knows: no host or AWS request is made.

Options:
  --threshold N      the score to reach, 0–100 (default: the workspace's readiness.threshold, else 70)
  --json             print the scorecard as JSON (the app's contract: score, threshold, items, trend)
${backendArgHelp}
  -h, --help         print this help and do nothing else

Exit status: 0 the score reaches the threshold, 1 below it (or the workspace cannot be read), 2 usage error.
`;

const options = {
  ...backendArgOptions,
  threshold: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const marks: Record<ReadinessItem['status'], string> = { green: '✓', amber: '!', red: '✕' };

const screens: Record<NonNullable<ReadinessItem['fix']>['route'], string> = {
  deploys: 'Deploys',
  health: 'Health',
  cost: 'Cost',
  backups: 'Backups',
  drills: 'Drills',
  incidents: 'Incidents',
  runbooks: 'Runbooks',
  settings: 'Settings',
};

export function parseThreshold(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,3}$/.test(text.trim()) || Number(text) > 100) {
    throw new UsageError(`--threshold expects a whole number from 0 to 100, got "${text}"`);
  }
  return Number(text);
}

export function scorecardText(card: Scorecard): string {
  const width = Math.max(...card.items.map((i) => i.title.length), 0);
  const lines: string[] = [];
  for (const i of card.items) {
    lines.push(`  ${marks[i.status]}  ${i.title.padEnd(width)}  ${i.evidence}`);
    if (i.fix) lines.push(`     ${' '.repeat(width)}  → ${i.fix.label} (${screens[i.fix.route]} screen)`);
  }
  const counts = (['green', 'amber', 'red'] as const)
    .map((s) => `${card.items.filter((i) => i.status === s).length} ${s}`)
    .join(', ');
  const verdict =
    card.score >= card.threshold
      ? `reaches the threshold of ${card.threshold}`
      : `below the threshold of ${card.threshold}`;
  const first = card.trend[0];
  const trend =
    first && card.trend.length > 1
      ? `\nTrend: ${first.score} on ${first.day} → ${card.score} today (${card.trend.length} days recorded)`
      : '';
  return `Readiness ${card.score}/100 — ${verdict} (${counts})\n\n${lines.join('\n')}\n${trend}\n`;
}

export async function runScorecard(argv: string[], io: CliIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(scorecardUsage);
    return EXIT.ok;
  }
  try {
    const { values, positionals } = parseCommandArgs(argv, options, true);
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const threshold = parseThreshold(values.threshold);
    return await withBackend({ ...backendOptionsOf(values), io }, async (backend) => {
      const problem = workspaceProblem(backend);
      if (problem) {
        io.stderr(`cockpit scorecard: ${problem}\n`);
        return EXIT.failed;
      }
      const computed = await backend.handlers['readiness.scorecard']({});
      const card = threshold === undefined ? computed : { ...computed, threshold };
      io.stdout(values.json ? `${JSON.stringify(card, null, 2)}\n` : scorecardText(card));
      return card.score >= card.threshold ? EXIT.ok : EXIT.failed;
    });
  } catch (error) {
    return reportCommandError(error, io, 'cockpit scorecard', scorecardUsage);
  }
}

export const scorecardCommands: Record<string, Command> = {
  scorecard: {
    summary: 'the readiness scorecard (✓ ! ✕ with evidence and fixes); exit 1 below the threshold, for CI',
    run: runScorecard,
  },
};
