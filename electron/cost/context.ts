/** What the cost views are built from: the workspace's cost section, the cached data source, and the clock. */
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
}
