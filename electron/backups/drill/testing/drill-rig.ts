/**
 * A drill service wired to real pieces for tests: the SQLite journal, the real source kinds (registry), and transports
 * given by the test (local shells with their own home, or SSH to real sshd). Events are collected, and a test can
 * wait for one (e.g. the restore's step.started, to cancel mid-restore).
 */
import { join } from 'node:path';
import { type BackupCopy, type RestoreDrill } from '../../../../shared/model/backups';
import { type RunEvent } from '../../../../shared/model/deploys';
import { type BackupConfig, backupSchema } from '../../../../shared/workspace/backups';
import { type EnvironmentConfig } from '../../../../shared/workspace/environments';
import { type SqliteJournal, openJournal } from '../../../journal/journal';
import { type Transport } from '../../../remote/types';
import { kindFor } from '../../sources/registry';
import { type SourceContext } from '../../sources/types';
import { type DrillServiceDeps, createDrillService } from '../service';
import { type DrillService } from '../types';

export interface DrillRig {
  service: DrillService;
  journal: SqliteJournal;
  events: RunEvent[];
  ended: RestoreDrill[];
  /** Replaces the declared backups (input as in cockpit.yaml). */
  declare(service: string, backups: unknown[]): void;
  environments: Record<string, EnvironmentConfig>;
  /** Resolves at the first event (from now on, or already seen) that matches. */
  waitFor(match: (e: RunEvent) => boolean): Promise<RunEvent>;
  close(): Promise<void>;
}

export function createDrillRig(options: {
  dir: string;
  transports: (host: string) => Transport;
  environments?: Record<string, EnvironmentConfig>;
  random?: () => number;
  overrides?: Partial<DrillServiceDeps>;
}): DrillRig {
  const journal = openJournal({ file: join(options.dir, 'journal.db'), actor: 'tester' });
  const declared = new Map<string, BackupConfig>();
  const events: RunEvent[] = [];
  const ended: RestoreDrill[] = [];
  const waiters: Array<{ match: (e: RunEvent) => boolean; resolve: (e: RunEvent) => void }> = [];
  const environments = options.environments ?? {};
  const sourceContext: SourceContext = {
    // A source without a host runs on this machine: a local shell standing in for it.
    exec: (host, command, opts = {}) => options.transports(host ?? 'this-machine').exec(command, opts),
    resolveSecret: async (ref) => {
      const value = ref.startsWith('env:') ? process.env[ref.slice(4)] : undefined;
      if (value === undefined) throw new Error(`test rig: ${ref} is not set`);
      return value;
    },
    now: () => new Date(),
  };
  const service = createDrillService({
    journal,
    db: journal.db,
    backup: (svc, id) => declared.get(`${svc}/${id}`),
    environments: () => environments,
    listCopies: (_svc: string, backup: BackupConfig): Promise<BackupCopy[]> =>
      kindFor(backup.source).list(backup.source, sourceContext),
    kindFor,
    sourceContext,
    transports: options.transports,
    emit: (event) => {
      events.push(event);
      for (const w of waiters.splice(0)) {
        if (w.match(event)) w.resolve(event);
        else waiters.push(w);
      }
    },
    onEnded: (drill) => ended.push(drill),
    actor: 'tester',
    outputHoldMs: 0,
    ...(options.random ? { random: options.random } : {}),
    ...options.overrides,
  });
  return {
    service,
    journal,
    events,
    ended,
    environments,
    declare(svc, backups) {
      for (const k of [...declared.keys()]) if (k.startsWith(`${svc}/`)) declared.delete(k);
      for (const b of backups) {
        const parsed = backupSchema.parse(b);
        declared.set(`${svc}/${parsed.id}`, parsed);
      }
    },
    waitFor(match) {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    async close() {
      await service.close();
      journal.close();
    },
  };
}
