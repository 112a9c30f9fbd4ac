/**
 * Runbooks of the workspace: listed with their last run, shown with their steps as they will run and their doc,
 * and run through the deploy engine (timeouts, cancel, live log, journal). A run is journaled before anything
 * runs and when it ends; one run at a time per runbook and environment; a protected environment needs its name.
 */
import { userInfo } from 'node:os';
import { type RunEvent } from '../../shared/model/deploys';
import {
  type RunbookDetail,
  type RunbookRun,
  type RunbookRunLog,
  type RunbookSummary,
} from '../../shared/model/runbooks';
import { CockpitError } from '../../shared/rpc';
import { type RunbookConfig, type Workspace } from '../../shared/workspace';
import { type Journal } from '../journal/types';
import { type Transport } from '../remote/types';
import { readRunbookDoc } from './doc';
import { JournalRuns, RUNBOOK_RUN_KIND, eventsFromJournal, hostsFromJournal, runbookActionTitle } from './journal-runs';
import { LiveRuns } from './live-runs';
import { createStepRunner } from './runner';
import { type PlannedStep, planRunbook, runbookEnvironments } from './steps-from-config';
import { type CheckHealth, type ConfirmAsk, StepFailure } from './types';

export interface RunbookServiceDeps {
  /** The open workspace and the folder of its file (docs are relative to it). */
  workspace: () => { workspace: Workspace; dir: string } | null;
  journal: Journal;
  transports: (host: string) => Transport;
  checkHealth: CheckHealth;
  /** Live events, already redacted and batched. */
  emit: (event: RunEvent) => void;
  changed: (notice: { runbookId: string | null; runId: string | null; reason: 'run-started' | 'run-ended' }) => void;
  /** The incident open on a service × environment, if any (the run shows on its timeline). */
  openIncident: (service: string, environment: string) => string | null;
  /** A run ended: what it did should show in health at once, not at the checks' next planned run. */
  ended?: (run: RunbookRun) => void;
  confirm?: ConfirmAsk;
  now?: () => Date;
  actor?: string;
  /** How often a gate asks again while it waits (tests make it short). */
  gateIntervalMs?: number;
  /** Tests: how long an unfinished output line is held back for redaction. */
  outputHoldMs?: number;
}

export interface StartInput {
  id: string;
  environment: string;
  reason?: string;
  confirmation?: string;
}

export interface StartOptions {
  /** Who answers this run's confirm steps (the CLI's --yes answers yes); default: the service's. */
  confirm?: ConfirmAsk;
  actor?: string;
}

export interface RunbookService {
  list(filter?: { service?: string; check?: string }): { runbooks: RunbookSummary[] };
  get(input: { id: string; environment?: string }): Promise<RunbookDetail>;
  start(input: StartInput, options?: StartOptions): { runId: string };
  cancel(runId: string): { cancelling: boolean };
  runLog(runId: string): RunbookRunLog;
  /** Resolves with the run's record once it has ended. */
  wait(runId: string): Promise<RunbookRun>;
  close(): Promise<void>;
}

const MAX_RUNS_SHOWN = 20;

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function createRunbookService(deps: RunbookServiceDeps): RunbookService {
  const now = deps.now ?? (() => new Date());
  const defaultActor = deps.actor ?? userInfo().username;
  const journalRuns = new JournalRuns(deps.journal);
  const live = new LiveRuns({ emit: deps.emit, changed: deps.changed });

  function open(): { workspace: Workspace; dir: string } {
    const current = deps.workspace();
    if (!current) throw new CockpitError('INVALID_WORKSPACE', 'No workspace is open: open a cockpit.yaml first.');
    return current;
  }

  function find(workspace: Workspace, id: string): RunbookConfig {
    const runbook = workspace.runbooks.find((r) => r.id === id);
    if (runbook) return runbook;
    const ids = workspace.runbooks.map((r) => r.id);
    throw new CockpitError(
      'NOT_FOUND',
      `There is no runbook "${id}" in ${workspace.name}${ids.length > 0 ? ` (its runbooks: ${ids.join(', ')})` : ': add one under runbooks: in cockpit.yaml'}.`,
    );
  }

  /** This process's runs win over the journal's (they are newer, and hold the live status). */
  function runsOf(runbookId?: string, environment?: string): RunbookRun[] {
    const mine = new Map(live.all().map((r) => [r.runId, r]));
    const all = journalRuns.list({ runbookId, environment }).map((r) => mine.get(r.runId) ?? r);
    return all.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  function summary(workspace: Workspace, runbook: RunbookConfig, lastRun: RunbookRun | null): RunbookSummary {
    return {
      id: runbook.id,
      title: runbook.title,
      service: runbook.service,
      environments: runbookEnvironments(workspace, runbook),
      for: runbook.for,
      covers: runbook.covers,
      steps: runbook.steps.length,
      doc: runbook.doc ?? null,
      lastRun,
    };
  }

  /** "Stopped at step 2 of 3 (Restart): …" with what the engine said (host, command, exit code, output tail). */
  function failureSummary(failure: StepFailure, step: PlannedStep, total: number): string {
    const message = failure.message.startsWith(step.view.title)
      ? failure.message
      : `${step.view.title}: ${failure.message}`;
    return `Stopped at step ${step.index} of ${total}: ${message}`;
  }

  async function execute(
    runId: string,
    record: RunbookRun,
    steps: PlannedStep[],
    handle: ReturnType<Journal['begin']>,
    controller: AbortController,
    confirm: ConfirmAsk | undefined,
  ): Promise<void> {
    const started = Date.now();
    const runner = createStepRunner({
      runId,
      transports: deps.transports,
      journal: handle,
      emit: (event) => live.onEvent(event),
      checkHealth: deps.checkHealth,
      confirm,
      signal: controller.signal,
      now,
      ...(deps.outputHoldMs !== undefined ? { outputHoldMs: deps.outputHoldMs } : {}),
    });
    let status: RunbookRun['status'] = 'succeeded';
    let text: string;
    let failure: StepFailure | null = null;
    const hostsTouched = new Set<string>();
    /** The step going on, so a failure names it. */
    let current: PlannedStep | undefined;
    try {
      for (const step of steps) {
        current = step;
        for (const { host, step: engineStep } of step.runs) {
          if (host) hostsTouched.add(host);
          await runner.run(engineStep, host);
        }
      }
      const where = hostsTouched.size > 0 ? ` on ${[...hostsTouched].join(', ')}` : '';
      text = `${record.title}: ${plural(steps.length, 'step')} done${where} in ${formatMs(Date.now() - started)}.`;
    } catch (error) {
      failure =
        error instanceof StepFailure
          ? error
          : new StepFailure({
              host: null,
              step: current?.runs[0]?.step.id ?? 'runbook',
              command: null,
              exitCode: null,
              reason: 'error',
              message: (error as Error).message,
              outputTail: '',
            });
      const reason = failure.info.reason;
      status = reason === 'cancelled' || reason === 'declined' ? 'cancelled' : 'failed';
      const at = current ?? steps[0];
      text = at ? failureSummary(failure, at, steps.length) : failure.message;
      if (status === 'cancelled') text += ' Nothing after it ran.';
    }
    const end = { runbookId: record.runbookId, status, failure: failure?.info ?? null };
    let action;
    if (status === 'succeeded') action = handle.succeed(text, end);
    else if (status === 'cancelled') action = handle.cancel(text, end);
    else action = handle.fail(text, end);
    const done: RunbookRun = {
      ...record,
      status,
      summary: action.summary ?? text,
      endedAt: action.endedAt ?? now().toISOString(),
      failure: failure?.info ?? null,
    };
    live.onEvent({ type: 'run.ended', runId, status, summary: done.summary ?? text, outcome: null, problem: null });
    live.ended(done);
    deps.ended?.(done);
  }

  return {
    list(filter = {}) {
      const current = deps.workspace();
      if (!current) return { runbooks: [] };
      const { workspace } = current;
      const latest = journalRuns.latest();
      for (const run of live.all()) {
        const known = latest.get(run.runbookId);
        if (!known || known.startedAt <= run.startedAt) latest.set(run.runbookId, run);
      }
      const runbooks = workspace.runbooks
        .filter((r) => !filter.service || r.service === filter.service)
        .filter((r) => !filter.check || r.for.includes(filter.check))
        .map((r) => summary(workspace, r, latest.get(r.id) ?? null));
      return { runbooks };
    },

    async get(input) {
      const { workspace, dir } = open();
      const runbook = find(workspace, input.id);
      const allowed = runbookEnvironments(workspace, runbook);
      const environment = input.environment ?? allowed[0];
      if (!environment) {
        throw new CockpitError(
          'BAD_REQUEST',
          `"${runbook.title}" has no environment to run in: its service ${runbook.service} runs in none of its environments. Fix its environments: in cockpit.yaml.`,
        );
      }
      const plan = planRunbook(workspace, runbook, environment, { strict: false });
      const doc = await readRunbookDoc(dir, runbook.doc);
      const runs = runsOf(runbook.id);
      return {
        ...summary(workspace, runbook, runs[0] ?? null),
        environment,
        protected: plan.protected,
        stepViews: plan.steps.map((s) => s.view),
        docMarkdown: doc.markdown,
        docProblem: doc.problem,
        runs: runs.slice(0, MAX_RUNS_SHOWN),
      };
    },

    start(input, options = {}) {
      const { workspace } = open();
      const runbook = find(workspace, input.id);
      // Everything that can be refused is refused here, before the journal or a host hears of it.
      const plan = planRunbook(workspace, runbook, input.environment, { gateIntervalMs: deps.gateIntervalMs });
      if (plan.protected && input.confirmation?.trim() !== input.environment) {
        throw new CockpitError(
          'FORBIDDEN',
          `${input.environment} is protected: type "${input.environment}" to confirm the run of "${runbook.title}" on ${runbook.service}.`,
          { needsConfirmation: input.environment },
        );
      }
      const busy = live.running(runbook.id, input.environment);
      if (busy) {
        throw new CockpitError(
          'CONFLICT',
          `"${runbook.title}" is already running in ${input.environment} (started ${busy.startedAt}${busy.actor ? ` by ${busy.actor}` : ''}): wait for it to end, or cancel it first.`,
          { runId: busy.runId },
        );
      }
      const actor = options.actor ?? defaultActor;
      const hosts = [...new Set(plan.steps.flatMap((s) => s.runs.map((r) => r.host)).filter((h) => h !== null))];
      const incidentId = deps.openIncident(runbook.service, input.environment);
      const handle = deps.journal.begin({
        kind: RUNBOOK_RUN_KIND,
        title: runbookActionTitle(runbook.title, runbook.service, input.environment),
        target: `${runbook.service}@${input.environment}`,
        actor,
        data: {
          runbookId: runbook.id,
          runbookTitle: runbook.title,
          service: runbook.service,
          environment: input.environment,
          hosts,
          reason: input.reason ?? null,
          incidentId,
          steps: plan.steps.map((s) => s.view),
        },
      });
      const record: RunbookRun = {
        runId: handle.id,
        runbookId: runbook.id,
        title: runbook.title,
        service: runbook.service,
        environment: input.environment,
        actor,
        startedAt: now().toISOString(),
        endedAt: null,
        status: 'running',
        summary: null,
        failure: null,
        incidentId,
      };
      const controller = new AbortController();
      live.track(record, controller);
      live.onEvent({
        type: 'run.started',
        runId: handle.id,
        kind: 'runbook',
        title: runbookActionTitle(runbook.title, runbook.service, input.environment),
        hosts,
        at: record.startedAt,
        service: runbook.service,
        environment: input.environment,
        actor,
      });
      void execute(handle.id, record, plan.steps, handle, controller, options.confirm ?? deps.confirm).catch(
        (error: unknown) => {
          // execute ends the run itself; only a journal that cannot write gets here. The run must not stay open.
          handle.fail(`The run stopped on an unexpected error: ${(error as Error).message}`);
          live.ended({ ...record, status: 'failed', summary: (error as Error).message, endedAt: now().toISOString() });
        },
      );
      return { runId: handle.id };
    },

    cancel(runId) {
      return { cancelling: live.cancel(runId) };
    },

    runLog(runId) {
      const inMemory = live.log(runId);
      if (inMemory) return inMemory;
      const journaled = journalRuns.get(runId);
      if (!journaled) {
        throw new CockpitError('NOT_FOUND', `There is no runbook run ${runId} in the journal (see Activity).`);
      }
      const { run, entries } = journaled;
      return { run, events: eventsFromJournal(run, hostsFromJournal(entries), entries), truncated: false };
    },

    wait(runId) {
      return live.wait(runId);
    },

    close() {
      return live.close();
    },
  };
}
