/**
 * The health feature's part of the one store (state + synchronous setters). Its async actions and event
 * subscriptions live in features/health/actions.ts; components read it through features/health/selectors.ts.
 */
import { type StateCreator } from 'zustand';
import { type DemoStatus } from '../../shared/api/demo';
import {
  type Alert,
  type AlertSettings,
  type CheckRow,
  type CheckView,
  type HealthOverview,
  type HealthRange,
  type Series,
  type SloRow,
} from '../../shared/model/health';
import { type DeployMarker } from '../../shared/model/markers';

/** One check's chart: what was asked for and what came back. */
export interface HealthSeriesState {
  key: string;
  range: HealthRange;
  series: Series;
  markers: DeployMarker[];
  /** When it was fetched (the chart's right edge). */
  at: number;
}

export interface HealthSlice {
  /** Every service × environment with the verdict; null until loaded. */
  healthOverview: HealthOverview | null;
  healthOverviewError: string | null;
  /** The Health screen's checks (with uptime); null until the screen loaded them. */
  healthChecks: CheckRow[] | null;
  healthChecksError: string | null;
  healthSlos: SloRow[];
  healthAlerts: Alert[];
  healthSettings: AlertSettings | null;
  /** The check whose charts are shown (its key), null: the first failing or the first check. */
  healthSelected: string | null;
  healthRange: HealthRange;
  healthSeries: HealthSeriesState | null;
  healthSeriesLoading: boolean;
  healthSeriesError: string | null;
  /** Keys of checks being run on request ("*" for all). */
  healthRunning: string[];
  demoStatus: DemoStatus | null;
  /** The demo control in flight: "break:checkout@production", "heal:…". */
  demoBusy: string | null;

  setHealthOverview(overview: HealthOverview): void;
  setHealthOverviewError(error: string | null): void;
  setHealthChecks(checks: CheckRow[]): void;
  setHealthChecksError(error: string | null): void;
  /** Live results: merged into the listed checks (uptime stays until the next load). */
  applyHealthViews(views: CheckView[]): void;
  setHealthSlos(slos: SloRow[]): void;
  setHealthAlerts(alerts: Alert[]): void;
  addHealthAlert(alert: Alert): void;
  setHealthSettings(settings: AlertSettings): void;
  setHealthSelected(key: string | null): void;
  setHealthRange(range: HealthRange): void;
  setHealthSeries(series: HealthSeriesState | null): void;
  setHealthSeriesLoading(loading: boolean): void;
  setHealthSeriesError(error: string | null): void;
  setHealthRunning(keys: string[]): void;
  setDemoStatus(status: DemoStatus): void;
  setDemoBusy(busy: string | null): void;
}

const initial = {
  healthOverview: null,
  healthOverviewError: null,
  healthChecks: null,
  healthChecksError: null,
  healthSlos: [],
  healthAlerts: [],
  healthSettings: null,
  healthSelected: null,
  healthRange: '1h',
  healthSeries: null,
  healthSeriesLoading: false,
  healthSeriesError: null,
  healthRunning: [],
  demoStatus: null,
  demoBusy: null,
} satisfies Partial<HealthSlice>;

/** Alerts kept for the "Recent alerts" lists. */
const MAX_ALERTS = 50;

export const createHealthSlice =
  <S extends HealthSlice>(): StateCreator<S, [], [], HealthSlice> =>
  (set, get) => {
    // Each setter touches only this slice's keys; the cast widens them to the whole store's state.
    const put = (partial: Partial<HealthSlice>) => set(partial as Partial<S>);
    return {
      ...initial,
      setHealthOverview: (healthOverview) => put({ healthOverview, healthOverviewError: null }),
      setHealthOverviewError: (healthOverviewError) => put({ healthOverviewError }),
      setHealthChecks: (healthChecks) => put({ healthChecks, healthChecksError: null }),
      setHealthChecksError: (healthChecksError) => put({ healthChecksError }),
      applyHealthViews: (views) => {
        const current = get().healthChecks;
        if (!current || views.length === 0) return;
        const byKey = new Map(views.map((v) => [v.key, v]));
        let changed = false;
        const next = current.map((row) => {
          const view = byKey.get(row.key);
          if (!view) return row;
          changed = true;
          return { ...row, ...view };
        });
        if (changed) put({ healthChecks: next });
      },
      setHealthSlos: (healthSlos) => put({ healthSlos }),
      setHealthAlerts: (healthAlerts) => put({ healthAlerts }),
      addHealthAlert: (alert) => {
        const rest = get().healthAlerts.filter((a) => a.id !== alert.id);
        put({ healthAlerts: [alert, ...rest].slice(0, MAX_ALERTS) });
      },
      setHealthSettings: (healthSettings) => put({ healthSettings }),
      setHealthSelected: (healthSelected) => put({ healthSelected }),
      setHealthRange: (healthRange) => put({ healthRange }),
      setHealthSeries: (healthSeries) => put({ healthSeries, healthSeriesError: null }),
      setHealthSeriesLoading: (healthSeriesLoading) => put({ healthSeriesLoading }),
      setHealthSeriesError: (healthSeriesError) => put({ healthSeriesError }),
      setHealthRunning: (healthRunning) => put({ healthRunning }),
      setDemoStatus: (demoStatus) => put({ demoStatus }),
      setDemoBusy: (demoBusy) => put({ demoBusy }),
    };
  };
