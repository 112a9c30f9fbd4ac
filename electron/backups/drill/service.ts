/**
 * Restore drills: the DrillService the backups feature, its screens and `cockpit drill` use. A drill is refused
 * before anything runs when it cannot be done safely (no drill declared, a protected environment not confirmed,
 * a drill of the backup already running here or on the drill host, no copy to restore), and every refusal is
 * journaled. Otherwise it runs its phases (./phases.ts) with a live log, and its evidence is kept forever
 * (./evidence-store.ts) and rendered as Markdown (./report.ts).
 */
import { randomBytes } from 'node:crypto';
import { type BackupCopy, type RestoreDrill } from '../../../shared/model/backups';
import { type RunEvent } from '../../../shared/model/deploys';
import { CockpitError, type ErrorCode } from '../../../shared/rpc';
import { type EnvironmentConfig } from '../../../shared/workspace/environments';
import {
  type BackupConfig,
  type BackupSourceConfig,
  type DrillConfig,
  describeBackupSource,
} from '../../../shared/workspace/backups';
import { type Database } from '../../journal/database';
import { type ActionHandle, type Journal } from '../../journal/types';
import { log } from '../../log';
import { type Transport } from '../../remote/types';
import { createStepRunner } from '../../runbooks/runner';
import { StepFailure } from '../../runbooks/types';
import { type SourceContext, type SourceKind } from '../sources/types';
import { chooseCopy } from './copy-choice';
import { DrillLog } from './drill-log';
import { drillLockDir, drillLockInfo, drillLockMessage, releaseDrillLock, takeDrillLock } from './drill-lock';
import { type EvidenceStore, openEvidenceStore } from './evidence-store';
import { drillSummary, rpoAchieved, rtoAchieved } from './measure';
import { type PhaseOutcome, runPhases } from './phases';
import { drillReport } from './report';
import { type DrillService, type StartDrillInput } from './types';

export interface DrillServiceDeps {
  journal: Journal;
  /** The journal's SQLite file: drills keep their evidence in their own tables there. */
  db: Database;
  /** The backup as the workspace declares it now. */
  backup(service: string, backup: string): BackupConfig | undefined;
  /** The workspace's environments: the drill host's decides whether the drill needs a typed confirmation. */
  environments(): Record<string, EnvironmentConfig>;
  /** The backup's copies, newest first (throws when the source cannot be read). */
  listCopies(service: string, backup: BackupConfig, signal?: AbortSignal): Promise<BackupCopy[]>;
  kindFor(source: BackupSourceConfig): SourceKind;
  /** For the copy's checksum and the environment the drill's commands need (a restic password …). */
  sourceContext: SourceContext;
  transports(host: string): Transport;
  /** `backups.drillRun` events. */
  emit(event: RunEvent): void;
  /** After a drill ended (its evidence is stored): re-compute status, fire alerts. */
  onEnded?(drill: RestoreDrill): void;
  now?: () => Date;
  /** Who acts when the input does not say. */
  actor: string;
  /** [0, 1) for the copy rotation; tests seed it. */
  random?: () => number;
  /** How long teardown of running drills may take when the service closes. */
  closeTimeoutMs?: number;
  /** How long an unfinished output line is held back for redaction (tests shorten it). */
  outputHoldMs?: number;
}

interface Running {
  key: string;
  controller: AbortController;
  log: DrillLog;
  current(): RestoreDrill;
  done: Promise<RestoreDrill>;
}

const key = (service: string, backup: string) => `${service}/${backup}`;

/** The environment the drill host belongs to; a protected one first when the host is in several. */
export function hostEnvironment(
  environments: Record<string, EnvironmentConfig>,
  host: string,
): { name: string; protected: boolean } | null {
  const found = Object.entries(environments)
    .filter(([, env]) => env.hosts.includes(host))
    .map(([name, env]) => ({ name, protected: env.protected }))
    .sort((a, b) => Number(b.protected) - Number(a.protected));
  return found[0] ?? null;
}

export function createDrillService(deps: DrillServiceDeps): DrillService {
  const now = deps.now ?? (() => new Date());
  const random = deps.random ?? Math.random;
  const store: EvidenceStore = openEvidenceStore(deps.db, now);
  const running = new Map<string, Running>();
  /** Backups with a drill starting or running in this process (a start still listing copies counts). */
  const busy = new Map<string, string>();

  function refuse(
    code: ErrorCode,
    message: string,
    what: { service: string; backup: string; actor: string; host?: string },
    details?: Record<string, unknown>,
  ): never {
    const handle = deps.journal.begin({
      kind: 'backups.drill',
      title: `Restore drill of ${key(what.service, what.backup)}`,
      target: key(what.service, what.backup),
      actor: what.actor,
      data: { service: what.service, backup: what.backup, host: what.host ?? null },
    });
    handle.fail(`Refused: ${message}`, { refused: true, code, ...details });
    throw new CockpitError(code, message, details);
  }

  function declared(
    input: StartDrillInput,
    actor: string,
  ): { backup: BackupConfig; drill: DrillConfig; environment: ReturnType<typeof hostEnvironment> } {
    const who = { service: input.service, backup: input.backup, actor };
    const backup = deps.backup(input.service, input.backup);
    if (!backup) {
      refuse(
        'NOT_FOUND',
        `There is no backup "${input.backup}" in service "${input.service}" in the workspace. Check the name with \`cockpit backups\`.`,
        who,
      );
    }
    const drill = backup.drill;
    if (!drill) {
      refuse(
        'BAD_REQUEST',
        `${key(input.service, input.backup)} has no restore drill declared. Add a \`drill:\` with host, restore, checks and teardown to this backup in cockpit.yaml.`,
        who,
      );
    }
    const environment = hostEnvironment(deps.environments(), drill.host);
    if (environment?.protected && input.confirmation?.trim() !== environment.name) {
      refuse(
        'FORBIDDEN',
        `The drill host ${drill.host} is in ${environment.name}, which is protected: type "${environment.name}" to confirm the restore drill of ${key(input.service, input.backup)}.`,
        { ...who, host: drill.host },
        { needsConfirmation: environment.name },
      );
    }
    return { backup, drill, environment };
  }

  async function start(input: StartDrillInput): Promise<{ runId: string; done: Promise<RestoreDrill> }> {
    const actor = input.actor ?? deps.actor;
    const k = key(input.service, input.backup);
    const who = { service: input.service, backup: input.backup, actor };
    const { backup, drill, environment } = declared(input, actor);
    const host = drill.host;
    const other = busy.get(k);
    if (other !== undefined) {
      refuse(
        'CONFLICT',
        `A restore drill of ${k} is already running${other ? ` (run ${other})` : ''}. Wait for it to end, or cancel it, then start again.`,
        { ...who, host },
        { running: other || null },
      );
    }
    busy.set(k, '');
    try {
      return await begin(input, { actor, backup, drill, environment, host });
    } catch (error) {
      busy.delete(k);
      throw error;
    }
  }

  async function begin(
    input: StartDrillInput,
    plan: {
      actor: string;
      backup: BackupConfig;
      drill: DrillConfig;
      environment: ReturnType<typeof hostEnvironment>;
      host: string;
    },
  ): Promise<{ runId: string; done: Promise<RestoreDrill> }> {
    const { actor, backup, drill, environment, host } = plan;
    const k = key(input.service, input.backup);
    const who = { service: input.service, backup: input.backup, actor, host };
    const source = describeBackupSource(backup.source);
    const controller = new AbortController();

    let copies: BackupCopy[];
    try {
      copies = await deps.listCopies(input.service, backup, controller.signal);
    } catch (error) {
      refuse(
        'UNAVAILABLE',
        `Could not list the copies of ${k} (${source}), so nothing was restored: ${error instanceof Error ? error.message : String(error)}`,
        who,
      );
    }
    let choice;
    try {
      const drilled = store.drilledCounts(input.service, input.backup);
      choice = chooseCopy({
        copies,
        choice: drill.copy,
        ...(input.copy !== undefined ? { requested: input.copy } : {}),
        drilledBefore: (id) => drilled.get(id) ?? 0,
        random,
        source,
      });
    } catch (error) {
      if (error instanceof CockpitError) refuse(error.code, error.message, who);
      throw error;
    }

    const startedAt = now();
    const shortId = randomBytes(4).toString('hex');
    const scratch = drill.scratch.replaceAll('{run}', shortId);
    const handle: ActionHandle = deps.journal.begin({
      kind: 'backups.drill',
      title: `Restore drill of ${k}: ${choice.copy.id} on ${host}`,
      target: k,
      actor,
      data: {
        service: input.service,
        backup: input.backup,
        host,
        environment: environment?.name ?? null,
        copy: choice.copy,
        copyChoice: choice.why,
        scratch,
      },
    });
    const runId = handle.id;
    const drillLog = new DrillLog();
    const outputs = new Map<string, string>();
    const emit = (event: RunEvent) => {
      drillLog.push(event);
      if (event.type === 'output') {
        // Enough for the evidence's tail of each command; the whole output is in the journal and the live log.
        outputs.set(event.step, ((outputs.get(event.step) ?? '') + event.text).slice(-64 * 1024));
      }
      try {
        deps.emit(event);
      } catch (error) {
        log.warn('A restore drill event could not be delivered:', error);
      }
    };

    let record: RestoreDrill = {
      runId,
      service: input.service,
      backup: input.backup,
      host,
      environment: environment?.name ?? null,
      actor,
      startedAt: startedAt.toISOString(),
      endedAt: null,
      status: 'running',
      summary: null,
      copy: choice.copy,
      copyChoice: choice.why,
      checksum: null,
      scratch,
      phases: [],
      checks: [],
      rtoMs: null,
      rtoTargetMs: drill.rto,
      rpoMs: null,
      rpoTargetMs: backup.rpo,
      rpoFrom: null,
      teardownOk: null,
      commands: [],
    };
    emit({
      type: 'run.started',
      runId,
      kind: 'backups.drill',
      title: `Restore drill of ${k}`,
      hosts: [host],
      at: record.startedAt,
      service: input.service,
      ...(environment ? { environment: environment.name } : {}),
      actor,
    });

    const runnerDeps = {
      runId,
      transports: deps.transports,
      journal: handle,
      emit,
      defaultStepTimeoutMs: drill.stepTimeout,
      now,
      ...(deps.outputHoldMs !== undefined ? { outputHoldMs: deps.outputHoldMs } : {}),
    };
    const runner = createStepRunner({ ...runnerDeps, signal: controller.signal });
    const cleanup = createStepRunner(runnerDeps);

    // The lock: taken before the answer, so a drill already running on the host is a refusal, not a failed drill.
    const lockDir = drillLockDir(input.service, input.backup);
    const lockInfo = drillLockInfo(actor, runId, `restore drill of ${k}`, startedAt);
    const exec = (command: string) => deps.transports(host).exec(command, { timeoutMs: 30_000 });
    let held: ReturnType<typeof drillLockMessage> | null = null;
    try {
      await runner.run(
        {
          kind: 'task',
          id: 'lock',
          title: 'Take the drill lock',
          timeoutMs: 60_000,
          run: async (ctx) => {
            const answer = await takeDrillLock((cmd) => ctx.exec(cmd), lockDir, lockInfo);
            if (answer.acquired) return 'locked';
            held = drillLockMessage(k, host, lockDir, answer.holder);
            throw new Error(held);
          },
        },
        host,
      );
    } catch (error) {
      const message =
        held ??
        `Could not reach the drill host ${host} to take the drill lock, so nothing was restored: ${error instanceof Error ? error.message : String(error)}. Check that ${host} is up and reachable over SSH, then start again.`;
      const code: ErrorCode = held
        ? 'CONFLICT'
        : error instanceof StepFailure && error.reason === 'cancelled'
          ? 'CANCELLED'
          : 'UNAVAILABLE';
      handle.fail(`Refused: ${message}`, { refused: true, code });
      emit({ type: 'run.ended', runId, status: 'failed', summary: message, outcome: null });
      throw new CockpitError(code, message);
    }

    const persist = () => {
      try {
        store.save(record, drillLog.snapshot());
      } catch (error) {
        log.warn('Could not write a restore drill to the journal:', error);
      }
    };
    persist();
    busy.set(k, runId);

    const finish = async (outcome: PhaseOutcome | null, crash: unknown): Promise<RestoreDrill> => {
      try {
        await releaseDrillLock(exec, lockDir, lockInfo.token);
      } catch (error) {
        handle.step(
          `Could not release the drill lock on ${host}: ${error instanceof Error ? error.message : String(error)}. Remove ${lockDir} on ${host} before the next drill.`,
          { step: 'unlock', ok: false },
        );
      }
      const phases = outcome?.phases ?? [];
      const checks = outcome?.checks ?? [];
      const allPassed = checks.every((c) => c.ok) && phases.every((p) => p.ok);
      const cancelled = controller.signal.aborted;
      const succeeded = !cancelled && crash === undefined && outcome !== null && outcome.failure === null && allPassed;
      const rpo =
        outcome && outcome.restoreMs !== null && !cancelled ? rpoAchieved(startedAt, checks, choice.copy.time) : null;
      record = {
        ...record,
        endedAt: now().toISOString(),
        status: cancelled ? 'cancelled' : succeeded ? 'succeeded' : 'failed',
        checksum: outcome?.checksum ?? null,
        phases,
        checks,
        commands: outcome?.commands ?? [],
        rtoMs: succeeded && outcome ? rtoAchieved(outcome.restoreMs, outcome.checksMs, true) : null,
        rpoMs: rpo?.rpoMs ?? null,
        rpoFrom: rpo?.rpoFrom ?? null,
        teardownOk: outcome?.teardownOk ?? null,
      };
      const failure =
        crash !== undefined
          ? `the drill stopped on an unexpected error: ${crash instanceof Error ? crash.message : String(crash)}`
          : (outcome?.failure ?? null);
      record.summary = drillSummary(record, failure);
      const data = { drill: record };
      if (record.status === 'succeeded') handle.succeed(record.summary, data);
      else if (record.status === 'cancelled') handle.cancel(record.summary, data);
      else handle.fail(record.summary, data);
      emit({
        type: 'run.ended',
        runId,
        status: record.status === 'succeeded' ? 'succeeded' : record.status === 'cancelled' ? 'cancelled' : 'failed',
        summary: record.summary,
        outcome: null,
      });
      persist();
      running.delete(runId);
      busy.delete(k);
      try {
        deps.onEnded?.(record);
      } catch (error) {
        log.warn('After a restore drill ended, its listener failed:', error);
      }
      return record;
    };

    const done = (async () => {
      let outcome: PhaseOutcome | null = null;
      try {
        outcome = await runPhases({
          service: input.service,
          backup,
          drill,
          host,
          copy: choice.copy,
          scratch,
          shortId,
          startedAt,
          kind: deps.kindFor(backup.source),
          sourceContext: deps.sourceContext,
          runner,
          cleanup,
          signal: controller.signal,
          now,
          outputOf: (step) => outputs.get(step) ?? '',
          note: (message, data) => handle.step(message, data),
          onPhase: (progress) => {
            record = {
              ...record,
              phases: [...progress.phases],
              checks: [...progress.checks],
              checksum: progress.checksum,
            };
            persist();
          },
        });
        return await finish(outcome, undefined);
      } catch (error) {
        log.error('A restore drill stopped on an unexpected error:', error);
        return finish(outcome, error);
      }
    })().catch((error: unknown) => {
      // Nobody may be waiting on `done` (the app answers with the run id at once): it must never reject.
      log.error('A restore drill could not record its end:', error);
      running.delete(runId);
      busy.delete(k);
      return record;
    });
    running.set(runId, { key: k, controller, log: drillLog, current: () => record, done });
    return { runId, done };
  }

  return {
    start,
    cancel(runId) {
      const run = running.get(runId);
      if (!run || run.controller.signal.aborted) return false;
      run.controller.abort();
      return true;
    },
    list(filter) {
      return store.list(filter).map((d) => running.get(d.runId)?.current() ?? d);
    },
    get(runId) {
      const run = running.get(runId);
      if (run) return { drill: run.current(), log: run.log.snapshot() };
      return store.get(runId);
    },
    report(runId) {
      const found = running.get(runId)?.current() ?? store.get(runId)?.drill;
      return found ? drillReport(found) : undefined;
    },
    last(service, backup) {
      return store.lastFinished(service, backup);
    },
    running(service, backup) {
      const here = busy.get(key(service, backup));
      if (here) return here;
      // A drill run by another process on the same journal (the CLI while the app is open).
      return store.list({ service, backup, limit: 5 }).find((d) => d.status === 'running')?.runId ?? null;
    },
    async close() {
      const all = [...running.values()];
      for (const run of all) run.controller.abort();
      const bound = deps.closeTimeoutMs ?? 60_000;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled(all.map((r) => r.done)),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, bound);
        }),
      ]);
      if (timer) clearTimeout(timer);
    },
  };
}
