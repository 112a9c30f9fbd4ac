/**
 * Narrow selectors for the health feature's components: each returns one piece of the store, so a change
 * elsewhere does not re-render them.
 */
import { type CheckRow } from '../../../shared/model/health';
import { type StoreState } from '../../store';

export const selectHealthOverview = (s: StoreState) => s.healthOverview;
export const selectHealthOverviewError = (s: StoreState) => s.healthOverviewError;
export const selectHealthChecks = (s: StoreState) => s.healthChecks;
export const selectHealthChecksError = (s: StoreState) => s.healthChecksError;
export const selectHealthSlos = (s: StoreState) => s.healthSlos;
export const selectHealthAlerts = (s: StoreState) => s.healthAlerts;
export const selectHealthSettings = (s: StoreState) => s.healthSettings;
export const selectHealthRange = (s: StoreState) => s.healthRange;
export const selectHealthSeries = (s: StoreState) => s.healthSeries;
export const selectHealthSeriesLoading = (s: StoreState) => s.healthSeriesLoading;
export const selectHealthSeriesError = (s: StoreState) => s.healthSeriesError;
export const selectHealthRunning = (s: StoreState) => s.healthRunning;
export const selectDemoStatus = (s: StoreState) => s.demoStatus;
export const selectDemoBusy = (s: StoreState) => s.demoBusy;
/** True while the open workspace is the built-in demo. */
export const selectIsDemo = (s: StoreState) => s.workspace?.loadedFrom?.kind === 'demo';

/** The check whose charts show: the one picked, else the first failing, else the first. */
export function pickSelected(checks: readonly CheckRow[] | null, picked: string | null): CheckRow | null {
  if (!checks || checks.length === 0) return null;
  return (
    checks.find((c) => c.key === picked) ??
    checks.find((c) => c.status === 'down') ??
    checks.find((c) => c.status === 'degraded') ??
    checks[0] ??
    null
  );
}

export const selectSelectedCheck = (s: StoreState): CheckRow | null => pickSelected(s.healthChecks, s.healthSelected);
