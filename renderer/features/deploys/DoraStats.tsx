/**
 * DORA figures as one compact row: deploy frequency, change failure rate, time to restore (last 30 days), with
 * which services they cover: the overview sums every service and environment, and says so.
 */
import { useStore } from '../../store';
import { doraScope, duration, percent } from './deploy-format';
import { selectDora } from './selectors';

export function DoraStats() {
  const dora = useStore(selectDora);
  const targets = useStore((s) => s.deploysOverview?.targets);
  if (!dora) return null;
  const scope = doraScope(targets ?? []);
  const stats = [
    {
      label: 'Deploy frequency',
      value: `${dora.deploysPerWeek} / week`,
      sub: `${dora.deploys} deploy${dora.deploys === 1 ? '' : 's'} in ${dora.windowDays} days`,
    },
    {
      label: 'Change failure rate',
      value: percent(dora.changeFailureRate),
      sub: `${dora.failedChanges} failed or rolled back`,
    },
    {
      label: 'Time to restore',
      value: dora.timeToRestoreMs === null ? '—' : duration(dora.timeToRestoreMs),
      sub: dora.restores > 0 ? `median of ${dora.restores}` : 'nothing to restore',
    },
  ];
  return (
    <section className="dora" aria-label={`DORA figures, last ${dora.windowDays} days: ${scope}`}>
      {stats.map((s) => (
        <div key={s.label} className="dora-stat">
          <p className="dora-label">{s.label}</p>
          <p className="dora-value num">{s.value}</p>
          <p className="dora-sub">{s.sub}</p>
        </div>
      ))}
      <p className="dora-scope">{scope}</p>
    </section>
  );
}
