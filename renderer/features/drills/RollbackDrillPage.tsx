/**
 * `#/drills/rollback/<id>`: one rollback drill — followed live while it runs, its report once it ended. The drill is
 * read once with `drills.get`; `drills.changed` keeps it current after that.
 */
import { useEffect } from 'react';
import { Card } from '../../components/Card';
import { RelativeTime } from '../../components/RelativeTime';
import { Skeleton } from '../../components/Skeleton';
import { loadRollbackDrill } from './rollback-actions';
import { useRollbackDrills } from './rollback-store';
import { ReportButtons, RollbackReport } from './RollbackReport';
import { RollbackRun } from './RollbackRun';

export function RollbackDrillPage({ drillId }: { drillId: string }) {
  const drill = useRollbackDrills((s) => s.drills[drillId]);
  const unreadable = useRollbackDrills((s) => s.unreadable[drillId]);
  useEffect(() => {
    void loadRollbackDrill(drillId);
  }, [drillId]);
  const back = (
    <a href="#/drills" className="deploys-card-link">
      ← All drills
    </a>
  );
  if (!drill)
    return (
      <Card title="Rollback drill" actions={back}>
        {unreadable ? (
          <p className="text-warn">
            Could not read the rollback drill {drillId}: {unreadable}. Pick one from the history on the Drills screen.
          </p>
        ) : (
          <Skeleton lines={6} label="Reading the drill…" />
        )}
      </Card>
    );
  const running = drill.status === 'running';
  return (
    <Card
      title={`Rollback drill of ${drill.service} on ${drill.environment}`}
      meta={<RelativeTime iso={drill.startedAt} prefix={running ? 'started' : undefined} />}
      actions={
        <>
          {running ? null : <ReportButtons drillId={drill.id} />}
          {back}
        </>
      }
      className="rollback-drill"
    >
      {running ? <RollbackRun drill={drill} /> : <RollbackReport drill={drill} />}
    </Card>
  );
}
