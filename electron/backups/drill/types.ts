/**
 * What the backups feature asks of the restore-drill runner (./service.ts): start a drill, cancel it, and read the
 * evidence kept in the journal. Drills run in the backend whatever the window does; the live log goes out as
 * `backups.drillRun` events.
 */
import { type RestoreDrill } from '../../../shared/model/backups';
import { type RunEvent } from '../../../shared/model/deploys';

export interface StartDrillInput {
  service: string;
  backup: string;
  /** A copy id from the listing; default: the drill's `copy` choice. */
  copy?: string;
  /** The environment's name, typed, when the drill host is in a protected environment. */
  confirmation?: string;
  /** Who: the OS user, or `cli:<user>`. */
  actor?: string;
}

export interface DrillService {
  /** Answers with the run id once the drill's journal action exists; refuses (CockpitError) before that otherwise. */
  start(input: StartDrillInput): Promise<{ runId: string; done: Promise<RestoreDrill> }>;
  cancel(runId: string): boolean;
  list(filter: { service?: string; backup?: string; limit: number }): RestoreDrill[];
  get(runId: string): { drill: RestoreDrill; log: RunEvent[] } | undefined;
  report(runId: string): { filename: string; text: string } | undefined;
  /** The newest finished drill of a backup (for status, due dates and alerts). */
  last(service: string, backup: string): RestoreDrill | null;
  /** The run id of a drill of this backup still running, if any. */
  running(service: string, backup: string): string | null;
  /** Cancels running drills and waits for their teardown (bounded). */
  close(): Promise<void>;
}
