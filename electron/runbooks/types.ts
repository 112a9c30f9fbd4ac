/**
 * The runbook engine's vocabulary: steps (one kind per file under steps/), what the engine needs from the rest
 * of the app (transports, the journal, live events, health checks, a human to confirm), and how a step fails.
 * The engine alone owns timing (timeouts), cancellation, journaling and events; step kinds only do their job.
 */
import { type RunEvent, type StepFailureInfo } from '../../shared/model/deploys';
import { type ActionHandle } from '../journal/types';
import { type ExecResult, type Transport, type TransportErrorKind } from '../remote/types';

interface StepBase {
  /** Short stable name, e.g. `upload`, `switch`, `restart` (journal, events, failure records). */
  id: string;
  title: string;
  /** Overrides the run's default step timeout. */
  timeoutMs?: number;
}

/** A command on a host. It is code written by the team or built with `sh`, never raw data. */
export interface RunStep extends StepBase {
  kind: 'run';
  command: string;
  cwd?: string;
  env?: Record<string, string>;
  /** Exit codes that count as success (default [0]). */
  okExitCodes?: number[];
}

export interface UploadFile {
  local: string;
  /** Absolute path on the host. */
  remote: string;
  mode?: number;
}

export interface UploadStep extends StepBase {
  kind: 'upload';
  files: UploadFile[];
  /** Directories to create first (one `mkdir -p`). */
  mkdirs?: string[];
  /** Files in flight at once (default 4). */
  parallel?: number;
}

/** What a health check is asked about: a service in an environment, on one host or for the whole environment. */
export interface HealthTarget {
  service: string;
  environment: string;
  host: string | null;
}

/** `misconfigured`: the checks cannot run as asked (unknown check ids, no health feature): asking again won't help. */
export type CheckHealth = (
  target: HealthTarget,
  checkIds: readonly string[],
  signal?: AbortSignal,
) => Promise<{ ok: boolean; detail: string; misconfigured?: boolean }>;

export interface HealthGateStep extends StepBase {
  kind: 'health-gate';
  target: HealthTarget;
  checks: string[];
  /** Poll interval while not yet healthy (default 2 s). */
  intervalMs?: number;
}

export interface ConfirmStep extends StepBase {
  kind: 'confirm';
  prompt: string;
}

/** What a strategy step (`task`) may use: its host's transport, and exec that streams into the log. */
export interface TaskContext {
  host: string | null;
  transport: Transport | null;
  signal: AbortSignal;
  /** Runs a command on the step's host with live output into events and the journal. */
  exec(
    command: string,
    options?: { cwd?: string; env?: Record<string, string>; okExitCodes?: number[] },
  ): Promise<ExecResult>;
  /** A line for the live log and the journal. */
  log(text: string): void;
}

/** A strategy's own step (switch `current`, mark a release …): code, with the engine's timeout/cancel/journal. */
export interface TaskStep extends StepBase {
  kind: 'task';
  /** Shown in the log and journal as what it runs, when it is one command. */
  command?: string;
  run(ctx: TaskContext): Promise<string | undefined>;
}

/**
 * Asks a person to confirm a step: yes or no. `context` says which run waits (so a dialog can say so) and stops
 * the question when the run is cancelled.
 */
export type ConfirmAsk = (prompt: string, context?: { runId: string; signal?: AbortSignal }) => Promise<boolean>;

export type Step = RunStep | UploadStep | HealthGateStep | ConfirmStep | TaskStep;

export interface RunnerDeps {
  runId: string;
  transports: (host: string) => Transport;
  journal: ActionHandle;
  emit: (event: RunEvent) => void;
  checkHealth?: CheckHealth;
  /** A person answers yes or no. Without it, confirm steps fail as declined. */
  confirm?: ConfirmAsk;
  signal?: AbortSignal;
  defaultStepTimeoutMs?: number;
  now?: () => Date;
  /** How long an unfinished output line is held back for redaction (see live-output.ts; tests change it). */
  outputHoldMs?: number;
}

export interface StepResult {
  host: string | null;
  step: string;
  durationMs: number;
  exitCode: number | null;
  stdout: string;
  detail: string | null;
}

/** Why a step did not succeed, with what a person needs: host, command, exit code, the output's tail. */
export class StepFailure extends Error {
  constructor(
    readonly info: StepFailureInfo,
    /** Set when the transport failed (e.g. `disconnected`: the command's outcome is unknown). */
    readonly transportKind: TransportErrorKind | null = null,
    /** The transport error's details (e.g. an unknown host key's fingerprint, so the UI can ask to trust it). */
    readonly transportDetails: Record<string, unknown> | null = null,
  ) {
    super(info.message);
    this.name = 'StepFailure';
  }

  get reason(): StepFailureInfo['reason'] {
    return this.info.reason;
  }
}
