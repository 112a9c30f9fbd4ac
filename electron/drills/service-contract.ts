/** What the rollback drill service needs, what a start asks for, and what it offers the app, the CLI and the demo. */
import { type RunEvent } from '../../shared/model/deploys';
import { type DrillPlan, type RollbackDrill } from '../../shared/model/drills';
import { type Workspace } from '../../shared/workspace';
import { type EventBus } from '../api/events';
import { type Capabilities } from '../features/types';
import { type Database } from '../journal/database';
import { type Journal } from '../journal/types';
import { type Transport } from '../remote/types';
import { type PreflightInput } from './preflight';

export interface RollbackDrillServiceDeps {
  journal: Journal;
  db: Database;
  events: EventBus;
  capabilities: Capabilities;
  workspace(): Workspace | null;
  transports(host: string): Transport;
  now(): Date;
  /** Who acts when the caller does not say. */
  actor: string;
  /** With `auto`, the cockpit presses "Roll back now" itself this long after detection (default 3 s). */
  autoActDelayMs?: number;
  /** How long verification may take after the press (default: max(3 × the recover target, 5 min)). */
  verifyTimeoutMs?: number;
  /** How long closing waits for a running drill to restore and end (default 2 min). */
  closeTimeoutMs?: number;
}

export interface StartRollbackDrill extends PreflightInput {
  actor?: string;
  /** The demo's first launch: the cockpit presses "Roll back now" itself. */
  auto?: boolean;
}

export interface RollbackDrillService {
  preflight(input: PreflightInput): Promise<DrillPlan>;
  start(input: StartRollbackDrill): Promise<{ drillId: string; done: Promise<RollbackDrill> }>;
  act(drillId: string, actor?: string): Promise<{ runId: string | null }>;
  cancel(drillId: string): boolean;
  get(drillId: string): { drill: RollbackDrill; log: RunEvent[] } | undefined;
  /** Newest first. */
  list(filter: { service?: string; limit: number }): RollbackDrill[];
  /** The drill running now: this backend's, else one another process runs on the same journal. */
  running(): RollbackDrill | null;
  report(drillId: string): { markdown: string; fileName: string } | undefined;
  close(): Promise<void>;
}
