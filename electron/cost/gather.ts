/**
 * Collects what several fetches behind one view have in common: the problems met (the view still shows what it
 * has) and how fresh the oldest figure is.
 */
import { type CostFreshness, type CostProblem } from '../../shared/model/cost';
import { CostExplorerError } from './problems';
import { type Fetched } from './source';

export class Gather {
  readonly problems: CostProblem[] = [];
  private oldest: string | null = null;
  private allFromCache = true;
  private anyStale = false;
  private used = 0;

  constructor(private readonly replay: boolean) {}

  /** The value, or undefined when it could not be had (the problem is kept). Other errors propagate. */
  async use<T>(fetching: Promise<Fetched<T>>): Promise<T | undefined> {
    try {
      const fetched = await fetching;
      this.used += 1;
      if (this.oldest === null || fetched.fetchedAt < this.oldest) this.oldest = fetched.fetchedAt;
      this.allFromCache &&= fetched.fromCache;
      this.anyStale ||= fetched.stale;
      for (const problem of fetched.problems ?? []) this.addProblem(problem);
      return fetched.value;
    } catch (error) {
      if (!(error instanceof CostExplorerError)) throw error;
      this.addProblem(error.problem);
      return undefined;
    }
  }

  /** Like `use`, but a missing value fails the whole view with the problem that caused it. */
  async need<T>(fetching: Promise<Fetched<T>>): Promise<T> {
    const before = this.problems.length;
    const value = await this.use(fetching);
    if (value !== undefined) return value;
    throw new CostExplorerError(
      this.problems[before] ??
        this.problems[0] ?? { kind: 'unknown', message: 'Cost data is unavailable.', hint: 'Press Refresh.' },
    );
  }

  addProblem(problem: CostProblem): void {
    // The same failure behind several requests is one problem for the user.
    if (!this.problems.some((p) => p.kind === problem.kind && p.message === problem.message))
      this.problems.push(problem);
  }

  freshness(): CostFreshness {
    return {
      fetchedAt: this.oldest,
      fromCache: this.used > 0 && this.allFromCache,
      stale: this.anyStale,
      replay: this.replay,
    };
  }
}
