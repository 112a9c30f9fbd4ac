/**
 * The health feature's async actions (calls to the backend) and live event subscriptions. loadInitial() and
 * subscribeToEvents() call, through the feature list in features/registry.ts, loadHealth() and subscribeHealthEvents().
 *
 * Live updates stay light: a check result merges into the listed checks at once, while the overview, the open
 * chart and the demo's state reload at most every couple of seconds however many results arrive.
 */
import { type DemoStatus } from '../../../shared/api/demo';
import { type HealthRange } from '../../../shared/model/health';
import { api, errorMessage } from '../../bridge';
import { useStore } from '../../store';
import { notify, reportError } from '../../store/actions';
import { reopenCheckDetail } from './detail-state';
import { pickSelected } from './selectors';

const store = () => useStore.getState();

/** Later answers win: each load takes a ticket and drops its answer if a newer load started meanwhile. */
const tickets = { overview: 0, checks: 0, series: 0 };

/** Runs `work` at most once per `ms`, trailing: the last call in a burst is never lost. */
function throttle(ms: number, work: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = 0;
  return () => {
    if (timer) return;
    const wait = Math.max(0, last + ms - Date.now());
    timer = setTimeout(() => {
      timer = null;
      last = Date.now();
      work();
    }, wait);
  };
}

export async function loadHealthOverview(): Promise<void> {
  const ticket = ++tickets.overview;
  try {
    const overview = await api.health.overview({});
    if (ticket === tickets.overview) store().setHealthOverview(overview);
  } catch (error) {
    if (ticket === tickets.overview) store().setHealthOverviewError(errorMessage(error));
  }
}

async function loadAlerts(): Promise<void> {
  try {
    store().setHealthAlerts((await api.health.alerts({ limit: 20 })).alerts);
  } catch {
    // The list keeps what it had; the overview's error line already says the backend is unwell.
  }
}

export async function loadDemoStatus(): Promise<void> {
  try {
    store().setDemoStatus(await api.demo.status({}));
  } catch {
    // Optional: the demo controls simply do not show.
  }
}

/** The Overview's part (at start, after a reconnect). */
export async function loadHealth(): Promise<void> {
  await Promise.all([loadHealthOverview(), loadAlerts(), loadDemoStatus()]);
}

/** The Health screen: every check with uptime, SLOs, alert settings, and the selected check's chart. */
export async function loadHealthScreen(): Promise<void> {
  const ticket = ++tickets.checks;
  try {
    const [checks, slos, settings] = await Promise.all([
      api.health.checks({}),
      api.health.slo({}),
      api.health.settings({}),
    ]);
    if (ticket !== tickets.checks) return;
    store().setHealthChecks(checks.checks);
    store().setHealthSlos(slos.slos);
    store().setHealthSettings(settings);
  } catch (error) {
    if (ticket === tickets.checks) store().setHealthChecksError(errorMessage(error));
    return;
  }
  await Promise.all([loadSeries(), loadHealthOverview(), loadAlerts(), loadDemoStatus()]);
}

/** The chart of the selected check over the chosen range. */
export async function loadSeries(): Promise<void> {
  const { healthChecks, healthSelected, healthRange: range } = store();
  const check = pickSelected(healthChecks, healthSelected);
  if (!check) {
    store().setHealthSeries(null);
    return;
  }
  const ticket = ++tickets.series;
  store().setHealthSeriesLoading(true);
  try {
    const answer = await api.health.series({
      service: check.service,
      environment: check.environment,
      checkId: check.checkId,
      ...(check.host ? { host: check.host } : {}),
      range,
    });
    if (ticket !== tickets.series) return;
    store().setHealthSeries({ key: check.key, range, series: answer.series, markers: answer.markers, at: Date.now() });
  } catch (error) {
    if (ticket === tickets.series) store().setHealthSeriesError(errorMessage(error));
  } finally {
    if (ticket === tickets.series) store().setHealthSeriesLoading(false);
  }
}

/** Opens a check's detail under its row (again, if Escape had closed it) and loads its history. */
export function selectCheck(key: string): Promise<void> {
  reopenCheckDetail();
  if (store().healthSelected === key && store().healthSeries?.key === key) return Promise.resolve();
  store().setHealthSelected(key);
  return loadSeries();
}

export function setHealthRange(range: HealthRange): Promise<void> {
  store().setHealthRange(range);
  return loadSeries();
}

/** Runs checks now (all, one service × environment, or one check); results arrive as live events. */
export async function runChecksNow(
  filter: { service?: string; environment?: string; checkId?: string; host?: string } = {},
) {
  const base = filter.checkId ? `${filter.service}/${filter.checkId}@${filter.environment}` : '*';
  const running = filter.host && base !== '*' ? `${base}#${filter.host}` : base;
  store().setHealthRunning([...store().healthRunning, running]);
  try {
    const result = await api.health.runNow({ ...filter, wait: true });
    store().applyHealthViews(result.checks);
    store().setHealthOverview(result.overview);
    void loadSeries();
  } catch (error) {
    reportError('Could not run the checks', error);
  } finally {
    store().setHealthRunning(store().healthRunning.filter((k) => k !== running));
  }
}

/** Stores a `keychain:NAME` secret (the desktop app only); the value goes to the backend and never comes back. */
export async function saveKeychainSecret(name: string, value: string): Promise<boolean> {
  try {
    await api.health.setKeychainSecret({ name, value });
    store().setHealthSettings(await api.health.settings({}));
    notify('Saved to the keychain', `keychain:${name} is stored; alerts read it when they are sent.`);
    return true;
  } catch (error) {
    reportError(`Could not store keychain:${name}`, error);
    return false;
  }
}

export async function forgetKeychainSecret(name: string): Promise<void> {
  try {
    await api.health.deleteKeychainSecret({ name });
    store().setHealthSettings(await api.health.settings({}));
    notify('Forgotten', `keychain:${name} is no longer stored.`);
  } catch (error) {
    reportError(`Could not forget keychain:${name}`, error);
  }
}

/** Quiet hours set in the app ("22:00-07:00"), or null to follow the workspace file again. */
export async function setQuietHours(quietHours: string | null): Promise<boolean> {
  try {
    store().setHealthSettings(await api.health.setQuietHours({ quietHours }));
    return true;
  } catch (error) {
    reportError('Could not change quiet hours', error);
    return false;
  }
}

async function demoAction(busy: string, title: string, run: () => Promise<DemoStatus>, done: string): Promise<void> {
  store().setDemoBusy(busy);
  try {
    store().setDemoStatus(await run());
    notify(title, done);
  } catch (error) {
    reportError(`Could not ${title.toLowerCase()}`, error);
  } finally {
    store().setDemoBusy(null);
  }
}

export function breakDemo(service: string, environment: string, mode: 'down' | 'slow' = 'down'): Promise<void> {
  return demoAction(
    `break:${service}@${environment}`,
    mode === 'slow' ? `Slow down ${service} (demo)` : `Break ${service} (demo)`,
    () => api.demo.break({ service, environment, mode }),
    mode === 'slow'
      ? `${service} in ${environment} now answers slowly. Watch it turn degraded within seconds.`
      : `${service} in ${environment} now fails its readiness check. Watch the Overview turn red within seconds.`,
  );
}

export function healDemo(service: string, environment: string): Promise<void> {
  return demoAction(
    `heal:${service}@${environment}`,
    `Heal ${service} (demo)`,
    () => api.demo.heal({ service, environment }),
    `${service} in ${environment} is back to normal; the next checks confirm the recovery.`,
  );
}

// Half a second: the overview answers in well under a millisecond, and a status change (the first checks after a
// start, a break) should reach the screen while the user is still looking for it.
const reloadOverview = throttle(500, () => void loadHealthOverview());
const reloadSeries = throttle(5_000, () => void loadSeries());
const reloadScreen = throttle(1_000, () => {
  if (store().healthChecks !== null) void loadHealthScreen();
});

export function subscribeHealthEvents(): () => void {
  const offs = [
    api.on('health.status', (event) => {
      reloadOverview();
      // The set of watched checks changed (a workspace opened or was edited): the screen lists them afresh.
      if (event.service === null) reloadScreen();
    }),
    api.on('health.sample', (event) => {
      store().applyHealthViews(event.checks);
      reloadOverview();
      const shown = store().healthSeries;
      if (shown && event.checks.some((c) => c.key === shown.key)) reloadSeries();
    }),
    api.on('health.alert', (alert) => store().addHealthAlert(alert)),
    api.on('demo.changed', (status) => store().setDemoStatus(status)),
  ];
  return () => offs.forEach((off) => off());
}
