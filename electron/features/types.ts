/**
 * A feature (deploys, health, cost) plugs into the backend through this one shape: it gets the shared context,
 * answers its part of the contract, and cleans up on close. The backend creates every feature once; features
 * reach each other only through `capabilities`, never by importing each other's internals.
 */
import { type Database } from '../journal/sqlite';
import { type MethodName } from '../../shared/api';
import { type DeploySources, type RollbackOptions } from '../../shared/api/deploys';
import { type DeployInput, type DeployOutcome, type RollbackInput, type TargetInput } from '../../shared/model/deploys';
import { type ServiceHealth } from '../../shared/model/health';
import { type DeployMarker } from '../../shared/model/markers';
import { type WatchedCheck } from '../../shared/model/drills';
import { type ReadinessItem } from '../../shared/model/readiness';
import { type TimelineEntry } from '../../shared/model/timeline';
import { type WorkspaceState } from '../../shared/model/workspace-state';
import { type Handlers } from '../api/dispatch';
import { type EventBus } from '../api/events';
import { type SqliteJournal } from '../journal/journal';
import { type TransportRegistry } from '../remote/registry';
import { type WorkspaceService } from '../workspace/types';

/** A desktop notification (Electron) or an in-page alert (serve mode), raised by health and budget alerts. */
export interface AlertNotice {
  title: string;
  body: string;
  severity: 'info' | 'warning' | 'critical';
  /** Where clicking it should take the user, e.g. `health` or `cost`. */
  route?: string;
  /** The open incident it is about: the notification offers "I'm on it". */
  incidentId?: string;
}

/** What one feature offers the others. Each starts as a harmless default until its feature replaces it. */
export interface Capabilities {
  /** Runs the named health checks of a service in an environment now (a deploy's gate). */
  checkHealth(request: {
    service: string;
    environment: string;
    checkIds: string[];
    host?: string;
    signal?: AbortSignal;
  }): Promise<HealthAnswer>;
  /** Deploys and rollbacks in a time range, for chart markers and "what changed recently". */
  deployMarkers(filter: { service?: string; environment?: string; since: Date }): DeployMarker[];
  /** Whether a service's checks started failing after `since` (a rollback asks before marking a release bad). */
  healthEvidence(request: HealthEvidenceRequest): Promise<HealthEvidence>;
  /**
   * A rollback drill practises on this service × environment now: its alerts are recorded (and sent only with
   * `notify`), its incident is a practice one. Set by the drills feature; asked by alerts and incidents.
   */
  practice(service: string, environment: string): PracticeTag | null;
  /** The first failing sample of the given checks (default: the service's critical checks, else all) in [from, to] (epoch ms). */
  firstFailure(request: FirstFailureRequest): number | null;
  /** A service × environment's status now, and the timing of its checks (what decides how fast a failure shows). */
  healthOf(service: string, environment: string): HealthOfService;
  /**
   * Keeps the scheduler running this service × environment's checks on their own intervals, even in a backend that
   * watches nothing by itself (the CLI's `drill rollback`); returns the function that stops it.
   */
  watchHealth(service: string, environment: string): () => void;
  /** The deploy engine, for a rollback drill: its runs show on the Deploys screen, marked practice. */
  deploys: DeployControl;
  /** The open incident of a service × environment, if any (a drill links the practice incident it caused). */
  openIncident(service: string, environment: string): string | null;
  /**
   * Runs a service × environment's checks now, recorded and alerting as usual, so what a person just did (a runbook,
   * the demo's break and fix) shows within seconds instead of at the next planned run. Does nothing when not watching.
   */
  checkSoon(service: string, environment: string): void;
  /**
   * What each host of a service × environment runs, as last read by the deploys feature (no SSH: null when it was
   * never read). Health shows a fleet split across releases as degraded, with the hosts that differ.
   */
  releasesByHost(service: string, environment: string): Array<{ host: string; release: string | null }> | null;
}

/** A time range of the one timeline, with its filters (epoch ms). A source may ignore filters; the feature applies them. */
export interface TimelineRange {
  from: number;
  to: number;
  service?: string;
  environment?: string;
}

/** A feature's part of the one timeline: its entries that start (or are still going) inside the range. */
export type TimelineSource = (range: TimelineRange) => TimelineEntry[] | Promise<TimelineEntry[]>;

/** A feature's items of the readiness scorecard, computed from its live evidence (no item when it does not apply). */
export type ReadinessSource = () => ReadinessItem[] | Promise<ReadinessItem[]>;

/** What features add to the views that span them all: each pushes its sources when created. */
export interface Contributions {
  timeline: TimelineSource[];
  readiness: ReadinessSource[];
}

/** Which drill practises now, and whether its alerts go out. */
export interface PracticeTag {
  drillId: string;
  notify: boolean;
}

export interface FirstFailureRequest {
  service: string;
  environment: string;
  checkIds?: readonly string[];
  from: number;
  to: number;
}

export interface HealthOfService {
  /** null when the service × environment has no checks (or no workspace is open). */
  status: ServiceHealth | null;
  checks: Array<WatchedCheck & { status: 'up' | 'degraded' | 'down' | 'unknown'; reason: string | null }>;
}

/** A deploy-engine run started for a drill: its id at once, its outcome when it ends. */
export interface StartedRun {
  runId: string;
  outcome: Promise<DeployOutcome>;
}

/** A practice run: no health gate (the failure must reach the hosts), no good or bad marks, no retention. */
export interface PracticeRun {
  drillId: string;
}

export interface DeployControl {
  deploy(input: DeployInput, practice: PracticeRun): Promise<StartedRun>;
  rollback(input: RollbackInput, practice: PracticeRun): Promise<StartedRun>;
  cancel(runId: string): boolean;
  rollbackOptions(target: TargetInput): Promise<RollbackOptions>;
  /** What can be deployed (the drill's preflight looks for its broken release there). */
  sources(target: TargetInput): Promise<DeploySources>;
  /** What each host runs now. */
  currentByHost(target: TargetInput): Promise<Array<{ host: string; release: string | null }>>;
  /** Removes a practice release directory from every host (refused on a host where it is current). */
  removeRelease(
    target: TargetInput & { release: string; practice: PracticeRun },
  ): Promise<{ removedOn: string[]; problems: string[] }>;
}

/** The answer to a gate's question. */
export interface HealthAnswer {
  ok: boolean;
  /** "ready: down (HTTP 503)", or what stops the checks from running at all. */
  detail: string;
  /**
   * The checks cannot run as asked (a check id the service lacks in that environment or on that host, no open
   * workspace, no health feature): asking again will not help and says nothing about the release being gated.
   */
  misconfigured?: boolean;
}

export interface HealthEvidenceRequest {
  service: string;
  environment: string;
  /** When the release in question (last) went live. */
  since: Date;
  /** Spans after `since` in which another release was live: what failed then is not held against this one. */
  excluding?: ReadonlyArray<{ from: Date; to: Date }>;
}

/** What the health history says about a service since a moment (e.g. since a release went live). */
export interface HealthEvidence {
  /** `failing-after`: a check went down after `since`; `failing-before`: one was already down; `unknown`: no history. */
  kind: 'failing-after' | 'failing-before' | 'no-failure' | 'unknown';
  /** When the first check went down after `since` (ISO), for `failing-after`. */
  failingSince: string | null;
  /** "http: 503 from /health/ready", or why nothing is known. */
  detail: string;
  /**
   * For `failing-before`: the check went down inside this excluded span (another release was live) and was still
   * down when it ended; absent when it was down before `since`.
   */
  carriedOver?: { from: string; to: string };
}

export interface FeatureContext {
  dataDir: string;
  journal: SqliteJournal;
  /** The journal's SQLite file; a feature's tables come from electron/journal/migrations. */
  db: Database;
  events: EventBus;
  workspace: WorkspaceService;
  /**
   * One connection pool for the whole backend: deploys, health host metrics and backups share each host's
   * pooled SSH connection, known_hosts and decrypted keys. Follows the loaded workspace's `hosts:`.
   */
  transports: TransportRegistry;
  /** False in the CLI: no schedulers or timers, only what a command asks for. */
  background: boolean;
  /**
   * Resolves once the first screen has been answered (see start-gate.ts): background work that would compete with
   * the first page load (the demo's sandboxes, the first checks, the start-up budget check) waits for it. Absent:
   * start at once.
   */
  started?: Promise<void>;
  /** Called with every new workspace state (opened, saved, broken, fixed). */
  onWorkspaceChange(listener: (state: WorkspaceState) => void): () => void;
  /** Raise an alert: the desktop shell shows a notification, serve mode a browser one. */
  notify(notice: AlertNotice): void;
  capabilities: Capabilities;
  /** The one timeline's and the readiness scorecard's sources, one or more per feature. */
  contributions: Contributions;
  now: () => Date;
}

export type FeatureHandlers<K extends MethodName> = Pick<Handlers, K>;

export interface Feature<K extends MethodName = MethodName> {
  handlers: FeatureHandlers<K>;
  close(): Promise<void> | void;
}

const noDeploys = async (): Promise<never> => {
  throw new Error('deploys are not available');
};

export const defaultCapabilities = (): Capabilities => ({
  checkHealth: async () => ({ ok: false, detail: 'health checks are not available', misconfigured: true }),
  deployMarkers: () => [],
  healthEvidence: async () => ({ kind: 'unknown', failingSince: null, detail: 'health history is not available' }),
  practice: () => null,
  firstFailure: () => null,
  healthOf: () => ({ status: null, checks: [] }),
  watchHealth: () => () => undefined,
  openIncident: () => null,
  checkSoon: () => undefined,
  releasesByHost: () => null,
  deploys: {
    deploy: noDeploys,
    rollback: noDeploys,
    cancel: () => false,
    rollbackOptions: noDeploys,
    sources: noDeploys,
    currentByHost: noDeploys,
    removeRelease: noDeploys,
  },
});
