/** What the cost views are built from: the workspace's cost section, the cached data sources, and the clock. */
import { type DeployMarker } from '../../shared/model/markers';
import { type CostConfig } from '../../shared/workspace/cost';
import { type AccountSource } from './accounts';
import { type AnomalyAlertLog } from './anomaly-alerts';
import { type BudgetAlertLog } from './budget-alerts';
import { type CostCache } from './cache';
import { type CostData } from './source';

export interface CostContext {
  config: CostConfig;
  /** Every account together. */
  source: CostData;
  /** Each account on its own, in the order declared. */
  accounts: readonly AccountSource[];
  /** One account by name, or all together (undefined / null); an unknown name is a BAD_REQUEST. */
  sourceFor(account: string | null | undefined): CostData;
  cache: CostCache;
  alerts: BudgetAlertLog;
  /** Which cost anomalies were already alerted. */
  anomalyAlerts: AnomalyAlertLog;
  now: () => Date;
  /** Deploys and rollbacks since a UTC day, for the chart's markers (the deploy feature's, through the backend). */
  markers?: (since: string) => DeployMarker[];
}
