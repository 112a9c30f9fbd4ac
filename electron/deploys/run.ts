/**
 * One deploy or rollback as it runs: its journal action, its live events, the lock on every host, the audit
 * lines, where each host stands, and the outcome at the end. Strategies do the steps; this does the bookkeeping
 * they share, so every run is recorded the same way whatever the strategy.
 */
import { randomUUID } from 'node:crypto';
import {
  type DeployOutcome,
  type DeployResult,
  type HostOutcome,
  type LockInfo,
  type RunEvent,
  type RunProblem,
  type StepFailureInfo,
  type WayBack,
} from '../../shared/model/deploys';
import { CockpitError } from '../../shared/rpc';
import { type ActionHandle, type Journal } from '../journal/types';
import { quote } from '../remote/quote';
import { type Transport } from '../remote/types';
import { type StepRunner, createStepRunner } from '../runbooks/runner';
import { type CheckHealth, type ConfirmAsk, StepFailure } from '../runbooks/types';
import { type AuditEntry } from './audit';
import { auditScript } from './layout';
import {
  type ReleaseAnswer,
  acquireLock,
  auditAndReleaseOwnLock,
  describeHolder,
  describeLock,
  releaseOwnLock,
} from './lock';
import { lockProblem, problemFromFailure } from './problems';
import { lockIdentity, staleReason, thisMachine } from './stale-lock';
import { type DeployTarget, lockBase } from './target';

export interface RunDeps {
  journal: Journal;
  transports: (host: string) => Transport;
  checkHealth: CheckHealth;
  emit: (event: RunEvent) => void;
  confirm?: ConfirmAsk;
  now: () => Date;
  /** Who acts (OS user, or `cli:<user>`). */
  actor: string;
  /** This machine's name, written into locks. */
  machine: string;
  /** Poll interval of health gates (tests shorten it). */
  gateIntervalMs?: number;
}

export interface RunSpec {
  kind: 'deploy' | 'rollback';
  target: DeployTarget;
  releaseId: string | null;
  title: string;
  reason: string | null;
  data: Record<string, unknown>;
  signal?: AbortSignal;
  /** Told the run id as soon as the run exists (its journal action is written), before any host is touched. */
  onRun?: (runId: string, control: RunControl) => void;
  /**
   * A rollback drill's run (see PracticeRun): the strategies skip what would judge the release (deploy gate, good
   * and bad marks, retention), and the hosts' audit log says `practice-<kind>` so teammates' cockpits know too.
   */
  practice?: { drillId: string };
}

/** What the owner of a run may do besides cancelling it: note something in its journal, ask where hosts stand. */
export interface RunControl {
  note(message: string, data?: Record<string, unknown>): void;
  hostStates(): HostOutcome[];
}

export class DeployRun implements RunControl {
  readonly handle: ActionHandle;
  readonly runId: string;
  readonly runner: StepRunner;
  /** For recovery (automatic rollback after a cancel): not tied to the cancel signal. */
  readonly recovery: StepRunner;
  readonly states = new Map<string, HostOutcome>();
  readonly token = randomUUID();
  private readonly started: Date;
  private locked: string[] = [];
  /** Locks were taken (so the hosts get audit lines and unlocks). */
  private touchedHosts = false;
  /** The journal action was closed (finish or finishEarly). */
  private ended = false;

  constructor(
    readonly deps: RunDeps,
    readonly spec: RunSpec,
  ) {
    this.started = deps.now();
    const { target } = spec;
    this.handle = deps.journal.begin({
      kind: spec.kind === 'deploy' ? 'deploy.run' : 'deploy.rollback',
      title: spec.title,
      target: `${target.service}@${target.environment}`,
      actor: deps.actor,
      data: {
        ...spec.data,
        service: target.service,
        environment: target.environment,
        hosts: target.hosts,
        releaseId: spec.releaseId,
        reason: spec.reason,
      },
    });
    this.runId = this.handle.id;
    const runnerDeps = {
      runId: this.runId,
      transports: deps.transports,
      journal: this.handle,
      emit: deps.emit,
      checkHealth: deps.checkHealth,
      confirm: deps.confirm,
      defaultStepTimeoutMs: target.config.stepTimeout,
      now: deps.now,
    };
    this.runner = createStepRunner({ ...runnerDeps, signal: spec.signal });
    this.recovery = createStepRunner(runnerDeps);
    for (const host of target.hosts) {
      this.states.set(host, { host, state: 'not-switched', release: null, previous: null, detail: null });
    }
    deps.emit({
      type: 'run.started',
      runId: this.runId,
      kind: spec.kind,
      title: spec.title,
      hosts: target.hosts,
      at: this.started.toISOString(),
      service: target.service,
      environment: target.environment,
      actor: deps.actor,
    });
    spec.onRun?.(this.runId, this);
  }

  note(message: string, data: Record<string, unknown> = {}): void {
    this.handle.step(message, data);
  }

  hostStates(): HostOutcome[] {
    return [...this.states.values()];
  }

  get base(): string {
    return lockBase(this.spec.target);
  }

  get cancelled(): boolean {
    return this.spec.signal?.aborted ?? false;
  }

  setState(host: string, patch: Partial<HostOutcome>): void {
    const current = this.states.get(host);
    if (!current) return;
    const next = { ...current, ...patch };
    this.states.set(host, next);
    // Journaled as it changes: if this process is killed, the history still says where each host stood.
    if (next.state !== current.state || next.release !== current.release) {
      this.handle.step(`${host}: ${next.state}${next.release ? ` (${next.release})` : ''}`, {
        host,
        step: 'host-state',
        hostState: next,
      });
    }
  }

  get practice(): boolean {
    return this.spec.practice !== undefined;
  }

  /** The action its audit lines carry: a practice run is told apart on the hosts themselves. */
  get auditAction(): string {
    return this.practice ? `practice-${this.spec.kind}` : this.spec.kind;
  }

  lockInfo(): LockInfo {
    const what =
      this.spec.kind === 'deploy'
        ? `deploy ${this.spec.releaseId ?? ''}`.trim()
        : `rollback${this.spec.releaseId ? ` to ${this.spec.releaseId}` : ''}`;
    return {
      who: this.deps.actor,
      when: this.started.toISOString(),
      // A teammate who finds the lock taken learns it is a drill, not an incident.
      what: this.practice ? `practice ${what} (rollback drill)` : what,
      why: this.spec.reason ?? '',
      from: this.deps.machine,
      token: this.token,
      ...lockIdentity(),
    };
  }

  /**
   * Takes the lock on every host at once. If any host is held by someone else, releases what it took and throws
   * CONFLICT naming every holder; if a host cannot be reached, throws UNAVAILABLE. Nothing else has run yet.
   */
  async lockAll(): Promise<void> {
    const info = this.lockInfo();
    const holders: Array<{ host: string; info: Partial<LockInfo> | null }> = [];
    const failures: StepFailure[] = [];
    await Promise.all(
      this.spec.target.hosts.map(async (host) => {
        try {
          await this.runner.run(
            {
              kind: 'task',
              id: 'lock',
              title: 'Take the deploy lock',
              timeoutMs: 60_000,
              run: async (ctx) => {
                // Noted before asking: if the answer is lost (cancel, dropped connection), the lock may be ours,
                // and releasing checks the token, so trying to release it is always safe.
                this.locked.push(host);
                const answer = await acquireLock((cmd) => ctx.exec(cmd, { okExitCodes: [0] }), this.base, info);
                if (answer.acquired) return 'locked';
                holders.push({ host, info: answer.holder });
                // Ends the step as failed: the live log must never show a ✓ for a lock this run did not get.
                throw new Error(describeLock(answer.holder));
              },
            },
            host,
          );
        } catch (error) {
          if (!(error instanceof StepFailure)) throw error;
          if (!holders.some((h) => h.host === host)) failures.push(error);
        }
      }),
    );
    if (holders.length === 0 && failures.length === 0) {
      this.touchedHosts = true;
      await this.audit(this.auditAction, this.spec.releaseId ?? '-', 'started');
      return;
    }
    await this.unlockAll();
    const { service, environment } = this.spec.target;
    if (holders.length > 0) {
      const lines = holders.map((h) => describeHolder(h.host, h.info));
      const view = thisMachine();
      const judged = holders.map((h) => ({ ...h, stale: staleReason(h.info, view) }));
      const stale = judged.every((h) => h.stale !== null);
      // A lock this machine's own gone run left needs no waiting and no --force: say how to free it in one step.
      const message = stale
        ? `${service}@${environment} is locked by a run of this machine that no longer exists, so nothing was changed. ${lines.join('; ')}. Release the stale lock in one step: cockpit lock release ${service} --env ${environment} --stale --reason ${quote('left by a run that no longer exists')}`
        : `${service}@${environment} is locked, so nothing was changed. ${lines.join('; ')}. Wait for it to finish, or force-release the lock with a reason.`;
      this.finishEarly('failed', message, { locks: holders }, lockProblem(judged));
      throw new CockpitError('CONFLICT', message, { locks: holders });
    }
    const failure = failures[0] as StepFailure;
    const message = `Could not take the deploy lock, so nothing was changed: ${failure.message}`;
    this.finishEarly('failed', message, { failure: failure.info }, problemFromFailure(failure));
    throw new CockpitError(failure.info.reason === 'cancelled' ? 'CANCELLED' : 'UNAVAILABLE', message, {
      failure: failure.info,
      // e.g. host-key-unknown with the fingerprint: enough for the UI to ask whether to trust the host.
      transport: failure.transportKind ? { kind: failure.transportKind, details: failure.transportDetails } : null,
    });
  }

  /** Releases this run's locks; hosts that cannot be reached keep theirs (reported in the outcome). */
  async unlockAll(): Promise<string[]> {
    const stuck: string[] = [];
    const hosts = this.locked;
    this.locked = [];
    await Promise.all(
      hosts.map(async (host) => {
        try {
          const answer = await releaseOwnLock(
            (cmd) => this.deps.transports(host).exec(cmd, { timeoutMs: 15_000 }),
            this.base,
            this.token,
          );
          this.unlockAnswered(host, answer, stuck);
        } catch (error) {
          this.unlockAnswered(host, error as Error, stuck);
        }
      }),
    );
    return stuck;
  }

  private auditEntry(action: string, release: string, result: string): AuditEntry {
    return { at: this.deps.now().toISOString(), actor: this.deps.actor, action, release, result, runId: this.runId };
  }

  private auditFailed(host: string, error: Error): void {
    this.handle.step(`Could not append to the audit log on ${host}: ${error.message}`, {
      host,
      step: 'audit',
      ok: false,
    });
  }

  private unlockAnswered(host: string, answer: ReleaseAnswer | Error, stuck: string[]): void {
    if (answer === 'released') this.handle.step(`Released the deploy lock on ${host}`, { host, step: 'unlock' });
    if (!(answer instanceof Error)) return;
    stuck.push(host);
    this.handle.step(`Could not release the deploy lock on ${host}: ${answer.message}`, {
      host,
      step: 'unlock',
      ok: false,
    });
  }

  /** Appends an audit line on every host; a host that cannot be reached is noted in the journal, not fatal. */
  async audit(action: string, release: string, result: string, hosts = this.spec.target.hosts): Promise<void> {
    const entry = this.auditEntry(action, release, result);
    await Promise.all(
      hosts.map(async (host) => {
        try {
          const r = await this.deps.transports(host).exec(auditScript(this.base, entry), { timeoutMs: 15_000 });
          if (r.exitCode !== 0) throw new Error(r.stderr.trim() || `exit ${r.exitCode}`);
        } catch (error) {
          this.auditFailed(host, error as Error);
        }
      }),
    );
  }

  /**
   * The run's last audit line on `auditHosts` and the release of its locks, in one round trip per host that needs
   * both (the audit first, as before); returns the hosts whose lock could not be released.
   */
  private async auditAndUnlock(result: string, auditHosts: readonly string[]): Promise<string[]> {
    const locked = new Set(this.locked);
    const both = auditHosts.filter((h) => locked.has(h));
    const auditOnly = auditHosts.filter((h) => !locked.has(h));
    this.locked = this.locked.filter((h) => !both.includes(h));
    const entry = this.auditEntry(this.auditAction, this.spec.releaseId ?? '-', result);
    const stuck: string[] = [];
    await Promise.all([
      this.audit(entry.action, entry.release, entry.result, auditOnly),
      this.unlockAll().then((left) => stuck.push(...left)),
      ...both.map(async (host) => {
        try {
          const answer = await auditAndReleaseOwnLock(
            (cmd) => this.deps.transports(host).exec(cmd, { timeoutMs: 15_000 }),
            this.base,
            this.token,
            auditScript(this.base, entry),
          );
          if (answer.audit) this.auditFailed(host, answer.audit);
          this.unlockAnswered(host, answer.lock, stuck);
        } catch (error) {
          this.auditFailed(host, error as Error);
          this.unlockAnswered(host, error as Error, stuck);
        }
      }),
    ]);
    return stuck;
  }

  /**
   * For a strategy that threw instead of finishing (a bug, an unexpected error): the run still ends — its journal
   * action closed as failed, its locks released — so nothing is left held. Does nothing once the run finished.
   */
  async abandon(error: unknown): Promise<void> {
    if (this.ended) return;
    const message = error instanceof Error ? error.message : String(error);
    await this.finish(
      this.cancelled ? 'cancelled' : 'failed',
      `The run stopped on an unexpected error: ${message}. Check where each host stands before deploying again.`,
      null,
      null,
      null,
    );
  }

  /** Ends the journal action when nothing happened (lock conflict, host unreachable). */
  private finishEarly(result: DeployResult, summary: string, data: Record<string, unknown>, problem: RunProblem): void {
    this.ended = true;
    const outcome = this.outcome(result, summary, null, null, null);
    // The offered host key is public, but the journal keeps only what a person reads: the fingerprint.
    const journaled = problem.kind === 'host-key-unknown' ? { ...problem, keyBase64: undefined } : problem;
    this.handle.fail(summary, { ...data, outcome, problem: journaled });
    this.deps.emit({ type: 'run.ended', runId: this.runId, status: 'failed', summary, outcome, problem });
  }

  outcome(
    result: DeployResult,
    summary: string,
    previous: string | null,
    failure: StepFailureInfo | null,
    wayBack: WayBack | null,
  ): DeployOutcome {
    const ended = this.deps.now();
    const { service, environment } = this.spec.target;
    return {
      runId: this.runId,
      kind: this.spec.kind,
      service,
      environment,
      releaseId: this.spec.releaseId,
      previousRelease: previous,
      result,
      summary,
      hosts: [...this.states.values()],
      failure,
      wayBack,
      startedAt: this.started.toISOString(),
      endedAt: ended.toISOString(),
      durationMs: ended.getTime() - this.started.getTime(),
    };
  }

  /** Writes the result (journal + host audit lines + run.ended event) and releases the locks. */
  async finish(
    result: DeployResult,
    summary: string,
    previous: string | null,
    failure: StepFailureInfo | null,
    wayBack: WayBack | null,
  ): Promise<DeployOutcome> {
    this.ended = true;
    const reachable = [...this.states.values()].filter((s) => s.state !== 'unknown').map((s) => s.host);
    const stuck = await this.auditAndUnlock(result, this.touchedHosts ? reachable : []);
    let finalWayBack = wayBack;
    let finalSummary = summary;
    if (stuck.length > 0) {
      const { service, environment } = this.spec.target;
      const release = `cockpit lock release ${service} --env ${environment} --force --reason ${quote('lock left by an interrupted run')}`;
      finalSummary += ` The deploy lock is still held on ${stuck.join(', ')} (unreachable).`;
      finalWayBack = {
        summary: (wayBack?.summary ?? '') + ` First release the lock left on ${stuck.join(', ')}.`,
        rollbackTo: wayBack?.rollbackTo ?? null,
        commands: [release, ...(wayBack?.commands ?? [])],
      };
    }
    const outcome = this.outcome(result, finalSummary.trim(), previous, failure, finalWayBack);
    const data = { outcome };
    if (result === 'healthy') this.handle.succeed(outcome.summary, data);
    else if (result === 'cancelled') this.handle.cancel(outcome.summary, data);
    else this.handle.fail(outcome.summary, data);
    const status = result === 'healthy' ? 'succeeded' : result === 'cancelled' ? 'cancelled' : 'failed';
    this.deps.emit({ type: 'run.ended', runId: this.runId, status, summary: outcome.summary, outcome });
    return outcome;
  }
}
