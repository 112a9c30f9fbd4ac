/**
 * The backups contract's handlers: thin calls into the feature's runner (verification, status) and the drill
 * service. Wording lives in status.ts and the drill report; timing in the scheduler.
 */
import { userInfo } from 'node:os';
import { type backupsMethods, type BackupsOverview } from '../../shared/api/backups';
import { type BackupCopy, type BackupHistoryPoint } from '../../shared/model/backups';
import { CockpitError } from '../../shared/rpc';
import { type FeatureHandlers } from '../features/types';
import { type DrillService } from './drill/types';

export type BackupsMethodName = keyof typeof backupsMethods & string;

export interface BackupsHandlerDeps {
  overview(): BackupsOverview;
  verify(filter: { service?: string; backup?: string }): Promise<BackupsOverview>;
  history(service: string, backup: string, days: number): { points: BackupHistoryPoint[]; copies: BackupCopy[] };
  drills: DrillService;
  /** After a drill started: windows reload the backup's status ("drill running"). */
  drillStarted(service: string, backup: string): void;
  actor?: string;
}

function noDrill(runId: string): never {
  throw new CockpitError(
    'NOT_FOUND',
    `No restore drill "${runId}" in this journal. Copy the run id from the Drills screen and try again.`,
  );
}

export function createBackupsHandlers(deps: BackupsHandlerDeps): FeatureHandlers<BackupsMethodName> {
  const actor = deps.actor ?? userInfo().username;
  return {
    'backups.list': async () => deps.overview(),
    'backups.verify': ({ service, backup }) =>
      deps.verify({ ...(service ? { service } : {}), ...(backup ? { backup } : {}) }),
    'backups.history': async ({ service, backup, days }) => deps.history(service, backup, days),
    'backups.drill': async ({ service, backup, copy, confirmation }) => {
      const { runId } = await deps.drills.start({
        service,
        backup,
        ...(copy ? { copy } : {}),
        ...(confirmation !== undefined ? { confirmation } : {}),
        actor,
      });
      deps.drillStarted(service, backup);
      return { runId };
    },
    'backups.cancelDrill': async ({ runId }) => ({ cancelled: deps.drills.cancel(runId) }),
    'backups.drills': async ({ service, backup, limit }) => ({
      drills: deps.drills.list({ ...(service ? { service } : {}), ...(backup ? { backup } : {}), limit }),
    }),
    'backups.drillRun': async ({ runId }) => deps.drills.get(runId) ?? noDrill(runId),
    'backups.drillReport': async ({ runId }) => deps.drills.report(runId) ?? noDrill(runId),
  };
}
