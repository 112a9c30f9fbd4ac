/** What the cost views are built from: the workspace's cost section, the cached data source, and the clock. */
import { type DeployMarker } from '../../shared/model/markers';
import { type CostConfig } from '../../shared/workspace/cost';
import { type BudgetAlertLog } from './budget-alerts';
import { type CostCache } from './cache';
import { type CostSource } from './source';

export interface CostContext {
  config: CostConfig;
  source: CostSource;
  cache: CostCache;
  alerts: BudgetAlertLog;
  now: () => Date;
  /** Deploys and rollbacks since a UTC day, for the chart's markers (the deploy feature's, through the backend). */
  markers?: (since: string) => DeployMarker[];
}
