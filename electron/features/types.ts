/**
 * A feature (deploys, health, cost) plugs into the backend through this one shape: it gets the shared context,
 * answers its part of the contract, and cleans up on close. The backend creates every feature once; features
 * reach each other only through `capabilities`, never by importing each other's internals.
 */
import { type Database } from '../journal/sqlite';
import { type MethodName } from '../../shared/api';
import { type DeployMarker } from '../../shared/model/markers';
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
  /** Called with every new workspace state (opened, saved, broken, fixed). */
  onWorkspaceChange(listener: (state: WorkspaceState) => void): () => void;
  /** Raise an alert: the desktop shell shows a notification, serve mode a browser one. */
  notify(notice: AlertNotice): void;
  capabilities: Capabilities;
  now: () => Date;
}

export type FeatureHandlers<K extends MethodName> = Pick<Handlers, K>;

export interface Feature<K extends MethodName = MethodName> {
  handlers: FeatureHandlers<K>;
  close(): Promise<void> | void;
}

export const defaultCapabilities = (): Capabilities => ({
  checkHealth: async () => ({ ok: false, detail: 'health checks are not available', misconfigured: true }),
  deployMarkers: () => [],
  healthEvidence: async () => ({ kind: 'unknown', failingSince: null, detail: 'health history is not available' }),
});
