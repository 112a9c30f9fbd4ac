/**
 * The backups feature's own state (the app store never knows about it): the overview from `backups.list`, what is
 * being verified, each backup's history for its charts, restore drills and the live logs of drills under way.
 */
import { create } from 'zustand';
import { type BackupsOverview } from '../../../shared/api/backups';
import { type BackupCopy, type BackupHistoryPoint, type RestoreDrill } from '../../../shared/model/backups';
import { type RunEvent } from '../../../shared/model/deploys';

export interface BackupRef {
  service: string;
  backup: string;
}

export interface BackupHistory {
  points: BackupHistoryPoint[];
  copies: BackupCopy[];
}

/** The drill dialog: choosing (no run yet), then watching the run it started. */
export interface DrillDialogState extends BackupRef {
  runId: string | null;
}

export interface BackupsState {
  overview: BackupsOverview | null;
  error: string | null;
  /** Keys (`service/backup`) being verified on a button; `*` while all are. */
  verifying: string[];
  histories: Record<string, BackupHistory | { error: string }>;
  /** The backup whose details panel is open. */
  detailsKey: string | null;
  drills: RestoreDrill[] | null;
  drillsError: string | null;
  /** Evidence read with `backups.drillRun`, by run id. */
  evidence: Record<string, RestoreDrill>;
  /** Live logs by run id, in arrival order. */
  logs: Record<string, RunEvent[]>;
  dialog: DrillDialogState | null;
}

export const initialBackupsState: BackupsState = {
  overview: null,
  error: null,
  verifying: [],
  histories: {},
  detailsKey: null,
  drills: null,
  drillsError: null,
  evidence: {},
  logs: {},
  dialog: null,
};

export const useBackups = create<BackupsState>()(() => initialBackupsState);

export const keyOf = (ref: BackupRef) => `${ref.service}/${ref.backup}`;

/** Keeps a live log bounded: a chatty restore must not grow the page without end. */
export const LOG_LIMIT = 5000;

export function appendLog(logs: Record<string, RunEvent[]>, event: RunEvent): Record<string, RunEvent[]> {
  const previous = logs[event.runId] ?? [];
  const next = previous.length >= LOG_LIMIT ? [...previous.slice(-(LOG_LIMIT - 1)), event] : [...previous, event];
  return { ...logs, [event.runId]: next };
}
