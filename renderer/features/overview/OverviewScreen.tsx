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
import { OverviewReadinessChip } from '../readiness/OverviewReadinessChip';
import { OverviewTimelineStrip } from '../timeline/OverviewTimelineStrip';
import { NoWorkspace } from '../workspace/NoWorkspace';
import { RecentActivity } from './RecentActivity';
import { ServiceMatrix } from './ServiceMatrix';
import { WorkspaceShape } from './WorkspaceShape';

/**
 * The screen the founder opens at 10 PM, what is broken and what happened first: the health verdict with the next
 * action, an open incident with its clock running, every service × environment with its live status, recent alerts
 * and actions, deploys, cost and backups; the workspace's shape (counts, environments) last, folded to one line.
 * One section per line, so a feature adds its part with one line.
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
        actions={<OverviewReadinessChip />}
      />
      {!hasWorkspace ? (
        loaded ? (
          <NoWorkspace />
        ) : (
          <Skeleton lines={6} label="Loading the workspace…" />
        )
      ) : (
        <div className="stack">
          {/* The deploy card below hosts the deploys dialogs the next action opens. */}
          <HealthVerdict action={<a href={hrefFor('health')}>Open Health</a>} hostsDeploysDialogs={false} />
          <OpenIncidentCard />
          <OverviewTimelineStrip />
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
          <WorkspaceShape />
        </div>
      )}
      <p className="footnote">
        Declared in <code>cockpit.yaml</code>; see <a href={hrefFor('settings')}>Settings</a> for the file in use.
      </p>
    </>
  );
}
