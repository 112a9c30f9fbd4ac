/**
 * `cockpit cost` and `cockpit cost review`: the Cost screen and the monthly review in a terminal, through the same
 * backend, journal and Cost Explorer cache as the app (a review of a closed month read once is free forever).
 * `--help` anywhere prints help and does nothing else. Exit 0 ok, 1 failed (with what to do), 2 usage.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { costExportFormats } from '../../shared/model/cost';
import { CockpitError } from '../../shared/rpc';
import { type Backend } from '../backend';
import { CostCache, PRICE_PER_REQUEST } from '../cost/cache';
import { Dec, cents } from '../cost/money';
import { HISTORY_MONTHS, oldestReviewMonth } from '../cost/review';
import { problemLines, reviewText, screenText } from '../cost/text';
import { type Command } from './command';
import { UsageError, backendOptionsOf, parseCommandArgs, reportCommandError, workspaceProblem } from './args';
import { backendArgHelp, backendArgOptions, withBackend } from './context';
import { type CliIO, EXIT } from './io';

export const costUsage = `Usage: cockpit cost [--month YYYY-MM] [--account NAME] [options]
       cockpit cost review [--month YYYY-MM] [--account NAME] [--format md|csv] [--out FILE] [options]

Cloud cost from AWS Cost Explorer, read through the cockpit's cache (each request AWS answers costs $0.01;
a month that has ended is read once and never again).

  cockpit cost                  this month: month to date, the month-end forecast with its range, every
                                budget, the top movers, untagged spend and what the cockpit spent on AWS
  cockpit cost --month 2026-10  a month that has ended, against the one before
  cockpit cost review           the monthly review as a Markdown (default) or CSV file, on stdout or --out

Options:
  --month YYYY-MM    a month that has ended (UTC); for review, default: last month
  --account NAME     one of the workspace's accounts (default: all, with a subtotal for each)
  --format md|csv    the review's format (review only; default md)
  --out FILE         write the review to FILE instead of stdout (review only)
  --force            ask AWS again for figures that may still change, even when cached ones are fresh
  --json             print the figures as JSON (cost only)
${backendArgHelp}
  -h, --help         print this help and do nothing else

Exit status: 0 ok, 1 failed (the message says what to do), 2 usage error.
`;

const options = {
  ...backendArgOptions,
  month: { type: 'string' },
  account: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(argv: string[]) {
  return parseCommandArgs(argv, options, true);
}

type Values = ReturnType<typeof parse>['values'];

function checkMonth(month: string | undefined): string | undefined {
  if (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    throw new UsageError(`--month expects a month such as 2026-10, got "${month}"`);
  }
  // Refused here, before the backend opens: asking would cost money for an answer AWS no longer has.
  const oldest = oldestReviewMonth(new Date());
  if (month !== undefined && month < oldest) {
    throw new UsageError(
      `Cost Explorer no longer holds ${month}: it keeps the last ${HISTORY_MONTHS} months and this one. ` +
        `Pick ${oldest} or later. Nothing was sent to AWS.`,
    );
  }
  return month;
}

/** The requests the ledger counted while `work` ran, and what they cost. */
async function spending<T>(backend: Backend, work: () => Promise<T>): Promise<{ value: T; spent: string }> {
  const ledger = new CostCache(backend.context.db);
  const month = new Date().toISOString().slice(0, 7);
  const before = ledger.apiSpend(month);
  const value = await work();
  const after = ledger.apiSpend(month);
  const requests = after.requests - before.requests;
  const replayed = after.replayed - before.replayed;
  return { value, spent: spentText(requests, replayed) };
}

/** "This review sent 4 requests ($0.04)." or "… from the cache, nothing sent." */
export function spentText(requests: number, replayed: number): string {
  if (requests === 0) return 'This review came from the cache: nothing was sent to Cost Explorer.';
  const what = `${requests} request${requests === 1 ? '' : 's'}`;
  const cost =
    replayed === requests
      ? 'replayed sample data, $0.00'
      : `$${cents(new Dec(PRICE_PER_REQUEST).times(requests - replayed))}`;
  return `This review sent ${what} to Cost Explorer (${cost}).`;
}

const backendOptions = backendOptionsOf;

/** The `account` field of a call: the one asked for, or none (all accounts). */
function accountOf(values: Values): { account?: string } {
  if (values.account === undefined) return {};
  if (values.account === '') throw new UsageError('--account expects the name of an account of the workspace');
  return { account: values.account };
}

async function summary(values: Values, io: CliIO): Promise<number> {
  const month = checkMonth(values.month);
  const force = values.force === true;
  const account = accountOf(values);
  return withBackend({ ...backendOptions(values), io }, async (backend) => {
    const name = backend.workspace.current().workspace?.name ?? 'Workspace';
    const problem = workspaceProblem(backend);
    if (problem) throw new CockpitError('INVALID_WORKSPACE', problem);
    const current = new Date().toISOString().slice(0, 7);
    if (month !== undefined && month !== current) {
      const { value: review, spent } = await spending(backend, async () =>
        backend.handlers['cost.review']({ month, force, ...account }),
      );
      io.stdout(values.json ? JSON.stringify(review, null, 2) : `${reviewText(review, name)}\n\n${spent}`);
      return EXIT.ok;
    }
    const screen = await backend.handlers['cost.screen']({
      groupBy: { kind: 'service' },
      months: 1,
      force,
      ...account,
    });
    io.stdout(values.json ? JSON.stringify(screen, null, 2) : screenText(screen, name));
    const { problems, monthToDate } = screen.overview;
    if (problems.length) io.stderr(problemLines(problems).join('\n'));
    // Nothing known at all is a failure; stale figures with a problem are still an answer.
    return monthToDate === null ? EXIT.failed : EXIT.ok;
  });
}

async function review(values: Values, io: CliIO): Promise<number> {
  const month = checkMonth(values.month);
  const format = values.format ?? 'md';
  if (!(costExportFormats as readonly string[]).includes(format)) {
    throw new UsageError(`--format expects md or csv, got "${format}"`);
  }
  if (values.json) throw new UsageError('--json is for `cockpit cost`; the review is --format md or csv');
  const account = accountOf(values);
  return withBackend({ ...backendOptions(values), io }, async (backend) => {
    const problem = workspaceProblem(backend);
    if (problem) throw new CockpitError('INVALID_WORKSPACE', problem);
    const { value: file, spent } = await spending(backend, async () => {
      // The export reads the review through the cache; --force first refreshes what may still change.
      if (values.force) await backend.handlers['cost.review']({ ...(month ? { month } : {}), force: true, ...account });
      return backend.handlers['cost.exportReview']({
        ...(month ? { month } : {}),
        format: format as (typeof costExportFormats)[number],
        ...account,
      });
    });
    if (values.out === undefined) {
      io.stdout(file.content);
      // On stderr, so the file on stdout stays clean.
      io.stderr(spent);
      return EXIT.ok;
    }
    const path = resolve(values.out);
    writeFileSync(path, file.content);
    io.stdout(`Wrote the review of ${file.filename.replace(/^aws-cost-review-|\.\w+$/g, '')} to ${path}`);
    io.stdout(spent);
    return EXIT.ok;
  });
}

export async function runCost(argv: string[], io: CliIO): Promise<number> {
  // Help wins wherever it appears, and never acts.
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(costUsage);
    return EXIT.ok;
  }
  try {
    const { values, positionals } = parse(argv);
    const [sub, ...extra] = positionals;
    if (extra.length > 0 || (sub !== undefined && sub !== 'review')) {
      throw new UsageError(`unknown argument "${extra[0] ?? sub}" (did you mean \`cockpit cost review\`?)`);
    }
    if (sub === undefined && (values.format !== undefined || values.out !== undefined)) {
      throw new UsageError('--format and --out are for `cockpit cost review`');
    }
    return await (sub === 'review' ? review(values, io) : summary(values, io));
  } catch (error) {
    return reportCommandError(error, io, 'cockpit cost', costUsage);
  }
}

export const costCommands: Record<string, Command> = {
  cost: { summary: 'cloud cost this month, budgets, and the monthly review (AWS Cost Explorer)', run: runCost },
};
