/**
 * The one list of features that load data and follow live events. It sits above the store (which never imports a
 * feature): main.tsx registers it, and the store's first load and reconnect run through it.
 */
import { type FeatureWiring } from '../store/actions';
import { loadBackups, subscribeBackupsEvents } from './backups/actions';
import { loadCost, subscribeCostEvents } from './cost/actions';
import { loadDeploys, subscribeDeploysEvents } from './deploys/actions';
import { reloadRollbackDrillsIfRead, subscribeRollbackDrillEvents } from './drills/rollback-actions';
import { loadHealth, subscribeHealthEvents } from './health/actions';
import { loadIncidents, subscribeIncidentsEvents } from './incidents/actions';
import { loadPrompts, subscribePromptsEvents } from './prompts/actions';
import { loadRunbooks, subscribeRunbooksEvents } from './runbooks/actions';
import { loadScorecard, subscribeReadinessEvents } from './readiness/actions';

export const features: readonly FeatureWiring[] = [
  // After the workspace: it names the first deploy target, whose history is then read with the overview.
  { name: 'deploys', load: loadDeploys, afterWorkspace: true, subscribe: subscribeDeploysEvents },
  { name: 'health', load: loadHealth, subscribe: subscribeHealthEvents },
  { name: 'cost', load: loadCost, subscribe: subscribeCostEvents },
  { name: 'backups', load: loadBackups, subscribe: subscribeBackupsEvents },
  { name: 'prompts', load: loadPrompts, subscribe: subscribePromptsEvents },
  { name: 'incidents', load: loadIncidents, subscribe: subscribeIncidentsEvents },
  { name: 'drills', load: reloadRollbackDrillsIfRead, subscribe: subscribeRollbackDrillEvents },
  { name: 'runbooks', load: loadRunbooks, subscribe: subscribeRunbooksEvents },
  // The Overview's chip shows the score from the start.
  { name: 'readiness', load: loadScorecard, subscribe: subscribeReadinessEvents },
];
