/** A backup's details: age and size over the last 30 days (real charts) and the copies the last check listed. */
import { useMemo } from 'react';
import { type BackupStatus } from '../../../shared/model/backups';
import { RelativeTime } from '../../components/RelativeTime';
import { Skeleton } from '../../components/Skeleton';
import { BackupHistoryChart } from './BackupCharts';
import { formatBytes } from './backup-format';
import { backupChartRows } from './charts/chart-data';
import { useBackups } from './store';

const COPIES_SHOWN = 10;

export function BackupDetails({ backup }: { backup: BackupStatus }) {
  const history = useBackups((s) => s.histories[backup.key]);
  const rows = useMemo(() => (history && 'points' in history ? backupChartRows(history.points) : []), [history]);
  if (!history) return <Skeleton lines={4} label={`Reading the history of ${backup.id}…`} />;
  if ('error' in history) return <p className="text-warn">Could not read the history: {history.error}</p>;
  const rpoHours = Math.round((backup.rpoMs / 3_600_000) * 10) / 10;
  return (
    <div className="backup-details">
      <div className="backup-charts">
        <figure className="backup-chart">
          <figcaption>Age of the newest copy (last 30 days)</figcaption>
          {rows.length > 1 ? (
            <BackupHistoryChart rows={rows} kind="age" rpoHours={rpoHours} />
          ) : (
            <p className="muted">Not enough verifications yet to draw a line.</p>
          )}
        </figure>
        <figure className="backup-chart">
          <figcaption>Size of the newest copy</figcaption>
          {rows.length > 1 ? (
            <BackupHistoryChart rows={rows} kind="size" rpoHours={rpoHours} />
          ) : (
            <p className="muted">Not enough verifications yet to draw a line.</p>
          )}
        </figure>
      </div>
      {history.copies.length > 0 ? (
        <table className="table backup-copies">
          <caption className="table-caption">
            Copies ({history.copies.length}
            {history.copies.length > COPIES_SHOWN ? `, newest ${COPIES_SHOWN} shown` : ''})
          </caption>
          <thead>
            <tr>
              <th scope="col">Copy</th>
              <th scope="col">Taken</th>
              <th scope="col" className="col-num">
                Size
              </th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {history.copies.slice(0, COPIES_SHOWN).map((copy) => {
              const shrunk = backup.sizes.find((s) => s.id === copy.id)?.shrunk ?? false;
              return (
                <tr key={copy.id}>
                  <td className="mono">{copy.id}</td>
                  <td>
                    <RelativeTime iso={copy.time} />
                  </td>
                  <td className="col-num">
                    {formatBytes(copy.size)}
                    {shrunk ? <span className="badge badge-bad shrunk-badge">shrunk</span> : null}
                  </td>
                  <td className="muted">{copy.note ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
