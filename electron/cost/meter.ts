/**
 * Runs the cost feature's calls one at a time and counts the Cost Explorer requests each one sends, so every call
 * that spends the user's money is journalled with what it cost ("6 requests · $0.06"), and views know whether new
 * figures arrived. One at a time is cheap here (a warm call is a few cached reads) and it pays twice: the Overview
 * card and the Cost screen opening together share one fetch instead of racing two, and the count of a call is
 * exactly its own.
 *
 * A call that is answered from the cache writes nothing. A forced refresh is journalled before it starts (the
 * user asked to spend); an ordinary one from its first billed request on, since only then is it known to spend.
 */
import { type CostProblem } from '../../shared/model/cost';
import { type ActionHandle, type Journal } from '../journal/types';
import { PRICE_PER_REQUEST } from './cache';
import { Dec, cents } from './money';
import { CostExplorerError } from './problems';

export interface CallInfo {
  /** What asked, in words: "Cost screen", "monthly review 2026-10", "budget check". */
  view: string;
  force: boolean;
  /** Who pays: "AWS profile acme-billing", "replayed sample data". */
  target: string;
  /** True for the demo's replay: requests are counted but free. */
  replayed: boolean;
  data?: Record<string, unknown>;
}

export interface CallResult<T> {
  value: T;
  /** Requests this call sent to Cost Explorer (each page one). */
  requests: number;
}

interface Running {
  info: CallInfo;
  requests: number;
  action: ActionHandle | undefined;
}

/** "6 requests · $0.06", or "6 requests · replayed, $0.00". */
export function spendSummary(requests: number, replayed: boolean): string {
  const what = `${requests} request${requests === 1 ? '' : 's'}`;
  // Cost Explorer bills in USD whatever the account's currency.
  if (replayed) return `${what} · replayed sample data, $0.00`;
  return `${what} · $${cents(new Dec(PRICE_PER_REQUEST).times(requests))}`;
}

export class CostCalls {
  private tail: Promise<unknown> = Promise.resolve();
  private running: Running | undefined;

  constructor(private readonly journal: Pick<Journal, 'begin'>) {}

  /**
   * Give this to createCostFeature: every request sent while a call runs is counted against it. Replayed sample
   * data costs nothing, so only a forced refresh of it (the user asked) is journalled: the demo's activity log
   * should not fill with free reads every time a chart is switched.
   */
  readonly onRequest = (): void => {
    const run = this.running;
    if (!run) return;
    run.requests += 1;
    if (!run.info.replayed) run.action ??= this.begin(run.info);
  };

  /**
   * Runs `work` after every earlier call has finished. `problemsOf` reads the problems an answer carries (stale
   * figures shown because AWS failed), for the journal's summary.
   */
  run<T>(info: CallInfo, work: () => Promise<T>, problemsOf?: (value: T) => CostProblem[]): Promise<CallResult<T>> {
    const result = this.tail.then(() => this.execute(info, work, problemsOf));
    // The next call waits for this one whatever its outcome.
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every call queued so far has finished. */
  async idle(): Promise<void> {
    await this.tail;
  }

  private async execute<T>(
    info: CallInfo,
    work: () => Promise<T>,
    problemsOf?: (value: T) => CostProblem[],
  ): Promise<CallResult<T>> {
    const run: Running = { info, requests: 0, action: info.force ? this.begin(info) : undefined };
    this.running = run;
    try {
      const value = await work();
      const problems = problemsOf?.(value) ?? [];
      const summary = spendSummary(run.requests, info.replayed);
      if (run.action) {
        if (problems.length > 0 && run.requests === 0) {
          run.action.fail(`${problems[0]?.message ?? 'Cost Explorer failed'} Cached figures stay shown.`, {
            requests: 0,
            problems,
          });
        } else {
          run.action.succeed(
            problems.length > 0 ? `${summary} · ${problems.length} problem(s): ${problems[0]?.message}` : summary,
            { requests: run.requests, replayed: info.replayed, ...(problems.length ? { problems } : {}) },
          );
        }
      }
      return { value, requests: run.requests };
    } catch (error) {
      if (run.action) {
        const message =
          error instanceof CostExplorerError
            ? `${error.problem.message} ${error.problem.hint}`
            : error instanceof Error
              ? error.message
              : String(error);
        run.action.fail(`${message} (${spendSummary(run.requests, info.replayed)})`, { requests: run.requests });
      }
      throw error;
    } finally {
      this.running = undefined;
    }
  }

  private begin(info: CallInfo): ActionHandle {
    return this.journal.begin({
      kind: 'cost.refresh',
      title: `${info.force ? 'Force refresh' : 'Refresh'} of cost data (${info.view})`,
      target: info.target,
      data: { view: info.view, force: info.force, replayed: info.replayed, ...info.data },
    });
  }
}
