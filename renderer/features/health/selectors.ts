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

/**
 * The check whose detail shows: the one picked, else the first failing (what the on-call person came for). When
 * every check passes nothing opens by itself, so the whole table fits on the screen until a row is chosen.
 */
export function pickSelected<C extends Pick<CheckRow, 'key' | 'status'>>(
  checks: readonly C[] | null,
  picked: string | null,
): C | null {
  if (!checks || checks.length === 0) return null;
  return (
    checks.find((c) => c.key === picked) ??
    checks.find((c) => c.status === 'down') ??
    checks.find((c) => c.status === 'degraded') ??
    null
  );
}

export const selectSelectedCheck = (s: StoreState): CheckRow | null => pickSelected(s.healthChecks, s.healthSelected);
