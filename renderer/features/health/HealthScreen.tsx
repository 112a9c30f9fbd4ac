/**
 * The Health screen: the verdict first, the demo's break/heal controls when the demo is open, every check grouped
 * by service × environment with the chosen check's history right under its row (status and latency, "not watched"
 * gaps, deploy markers, uptime), SLOs with error budgets, recent alerts and how alerts are sent.
 * `#/health?check=<key>` (or `?service=…&environment=…`, from the Overview's matrix) opens with that check's
 * history shown.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Card } from '../../components/Card';
import { Skeleton } from '../../components/Skeleton';
import { getNow, subscribeNow } from '../../components/now';
import { useStore } from '../../store';
import { HEALTH_SNIPPET } from '../overview/snippets';
import { useWorkspaceRows } from '../workspace/useWorkspaceRows';
import { WorkspaceGate } from '../workspace/WorkspaceGate';
import { loadHealthScreen, loadSeries, runChecksNow } from './actions';
import { AlertSettingsCard } from './AlertSettingsCard';
import { CheckDetail } from './CheckDetail';
import { ChecksTable } from './ChecksTable';
import { reopenCheckDetail, useCheckDetail } from './detail-state';
import { DemoControls } from './DemoControls';
import { healthRows } from './health-rows';
import { HealthVerdict } from './HealthVerdict';
import { RecentAlerts } from './RecentAlerts';
import { SloPanel } from './SloPanel';
import {
  selectHealthChecks,
  selectHealthChecksError,
  selectHealthOverview,
  selectHealthRunning,
  selectSelectedCheck,
} from './selectors';

/** The check the address asks for, if any: ?check=<key>, or the first of ?service=&environment=. */
function requestedCheck(): { key?: string; service?: string; environment?: string } {
  const query = window.location.hash.split('?')[1];
  if (!query) return {};
  const params = new URLSearchParams(query);
  return {
    key: params.get('check') ?? undefined,
    service: params.get('service') ?? undefined,
    environment: params.get('environment') ?? undefined,
  };
}

/**
 * A check named in the address may sit far down the table: its row is brought to the top of the view once, when
 * the screen opens on it (never when a row is chosen by hand, which must not move the page).
 */
function revealRowOnceDrawn(key: string): void {
  requestAnimationFrame(() =>
    requestAnimationFrame(() =>
      document.querySelector(`tr[data-check-key="${CSS.escape(key)}"]`)?.scrollIntoView({ block: 'start' }),
    ),
  );
}

function useFocusFromAddress(): void {
  useEffect(() => {
    const wanted = requestedCheck();
    void loadHealthScreen().then(() => {
      const { healthChecks, setHealthSelected } = useStore.getState();
      const match =
        healthChecks?.find((c) => c.key === wanted.key) ??
        healthChecks?.find(
          (c) =>
            (wanted.service === undefined || c.service === wanted.service) &&
            (wanted.environment === undefined || c.environment === wanted.environment) &&
            (wanted.service !== undefined || wanted.environment !== undefined),
        );
      if (match) {
        setHealthSelected(match.key);
        reopenCheckDetail();
        void loadSeries();
        revealRowOnceDrawn(match.key);
      }
    });
  }, []);
}

function HealthBody() {
  const checks = useStore(selectHealthChecks);
  const error = useStore(selectHealthChecksError);
  const overview = useStore(selectHealthOverview);
  const picked = useStore(selectSelectedCheck);
  const closedKey = useCheckDetail((s) => s.closedKey);
  const selected = picked && picked.key !== closedKey ? picked : null;
  const running = useStore(selectHealthRunning);
  const { data: declared } = useWorkspaceRows(healthRows);
  const now = useSyncExternalStore(subscribeNow, getNow);
  if (declared && declared.length === 0) {
    return (
      <EmptyState title="No health checks declared" snippet={HEALTH_SNIPPET}>
        Add a <code>health:</code> list under a service in <code>cockpit.yaml</code>: each entry is one check of kind{' '}
        <code>http</code>, <code>tcp</code>, <code>tls</code>, <code>ssh</code> or <code>prometheus</code>.
      </EmptyState>
    );
  }
  if (!checks) {
    return error ? <p className="text-warn">{error}</p> : <Skeleton lines={8} label="Loading the checks…" />;
  }
  const watching = overview?.watching ?? true;
  const problems = overview?.problems ?? [];
  return (
    <div className="stack">
      <DemoControls />
      {problems.length > 0 ? (
        <Card title="Checks that cannot run" meta="fix these in cockpit.yaml" className="health-problems">
          <ul className="plain-list">
            {problems.map((p) => (
              <li key={p.key} className="text-warn">
                {p.message}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title="Checks" meta={`${checks.length} watched · choose a row for its history`} flush>
        <ChecksTable
          checks={checks}
          services={overview?.services ?? []}
          declared={declared ?? []}
          selectedKey={selected?.key ?? null}
          detail={<CheckDetail check={selected} watching={watching} />}
          running={running}
          watching={watching}
          now={now}
        />
      </Card>
      <div className="grid-2">
        <RecentAlerts />
        <AlertSettingsCard />
      </div>
      <SloPanel />
    </div>
  );
}

export function HealthScreen() {
  const { status } = useWorkspaceRows(healthRows);
  const running = useStore(selectHealthRunning);
  useFocusFromAddress();
  return (
    <>
      <ScreenHeader
        title="Health"
        lead="Every check, its history with deploy markers, uptime, SLOs and the alerts sent."
        actions={
          status === 'ready' ? (
            <button type="button" className="btn" disabled={running.includes('*')} onClick={() => void runChecksNow()}>
              {running.includes('*') ? 'Running all checks…' : 'Run all checks now'}
            </button>
          ) : undefined
        }
      />
      <WorkspaceGate status={status}>
        <div className="stack">
          <HealthVerdict />
          <HealthBody />
        </div>
      </WorkspaceGate>
    </>
  );
}

export default HealthScreen;
