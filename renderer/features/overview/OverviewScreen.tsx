import { useShallow } from 'zustand/react/shallow';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Skeleton } from '../../components/Skeleton';
import { hrefFor } from '../../lib/routes';
import { useStore } from '../../store';
import { selectLoaded, selectWorkspace } from '../../store/selectors';
import { OverviewBackupsCard } from '../backups/OverviewBackupsCard';
import { OverviewCostCard } from '../cost/OverviewCostCard';
import { OverviewDeploysCard } from '../deploys/OverviewDeploysCard';
import { HealthVerdict } from '../health/HealthVerdict';
import { RecentAlerts } from '../health/RecentAlerts';
import { OpenIncidentCard } from '../incidents/OpenIncidentCard';
import { NoWorkspace } from '../workspace/NoWorkspace';
import { CountsStrip } from './CountsStrip';
import { EnvironmentCards } from './EnvironmentCards';
import { RecentActivity } from './RecentActivity';
import { ServiceMatrix } from './ServiceMatrix';

/**
 * The workspace at a glance, what is broken first: an open incident with its clock running, the health verdict,
 * every service × environment with its live status, recent alerts and actions, deploys, cost and backups, then the
 * workspace's shape (counts, environments).
 */
export function OverviewScreen() {
  const { hasWorkspace, name, description } = useStore(
    useShallow((s) => ({
      hasWorkspace: selectWorkspace(s) !== null,
      name: selectWorkspace(s)?.name,
      description: selectWorkspace(s)?.description,
    })),
  );
  const loaded = useStore(selectLoaded);
  return (
    <>
      <ScreenHeader
        title="Overview"
        lead={hasWorkspace ? (description ?? `Everything ${name} declares, at a glance.`) : undefined}
      />
      {!hasWorkspace ? (
        loaded ? (
          <NoWorkspace />
        ) : (
          <Skeleton lines={6} label="Loading the workspace…" />
        )
      ) : (
        <div className="stack">
          <OpenIncidentCard />
          <HealthVerdict action={<a href={hrefFor('health')}>Open Health</a>} />
          <div className="grid-2-1">
            <ServiceMatrix />
            <div className="stack">
              <RecentAlerts limit={4} compact />
              <RecentActivity />
            </div>
          </div>
          <div className="grid-2">
            <OverviewDeploysCard />
            <OverviewCostCard />
          </div>
          <OverviewBackupsCard />
          <CountsStrip />
          <EnvironmentCards />
        </div>
      )}
      <p className="footnote">
        Declared in <code>cockpit.yaml</code>; see <a href={hrefFor('settings')}>Settings</a> for the file in use.
      </p>
    </>
  );
}
