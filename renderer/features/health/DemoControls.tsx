/**
 * The built-in demo's break and heal controls, clearly labelled as the demo's: a new user breaks checkout in
 * production, sees the Overview turn red, gets an alert, heals it and sees the recovery. Each sandbox can be
 * broken (down or slow) and healed on its own too. Shown only while the demo runs in this cockpit.
 */
import { type DemoInstance } from '../../../shared/api/demo';
import { Card } from '../../components/Card';
import { StatusPill } from '../../components/StatusPill';
import { useStore } from '../../store';
import { breakDemo, healDemo } from './actions';
import { selectDemoBusy, selectDemoStatus, selectIsDemo } from './selectors';

function releaseText(i: DemoInstance): string {
  if (i.releases.length === 0 || i.releases.every((r) => r.release === null)) return 'no release yet';
  const ids = [...new Set(i.releases.map((r) => r.release ?? 'none'))];
  const broken = i.releases.some((r) => r.broken) ? ' (a BROKEN release)' : '';
  return `${ids.join(', ')}${broken}`;
}

function ModePill({ instance }: { instance: DemoInstance }) {
  if (instance.state === 'failed')
    return (
      <StatusPill tone="bad" title={instance.problem ?? undefined}>
        not running
      </StatusPill>
    );
  if (instance.state === 'starting') return <StatusPill tone="running">starting</StatusPill>;
  if (instance.state === 'elsewhere') return <StatusPill tone="idle">another cockpit</StatusPill>;
  if (instance.mode === 'down') return <StatusPill tone="bad">broken</StatusPill>;
  if (instance.mode === 'slow') return <StatusPill tone="warn">slow</StatusPill>;
  return <StatusPill tone="ok">normal</StatusPill>;
}

export function DemoControls() {
  const isDemo = useStore(selectIsDemo);
  const status = useStore(selectDemoStatus);
  const busy = useStore(selectDemoBusy);
  if (!isDemo || !status) return null;
  const instances = status.instances;
  const main =
    instances.find((i) => i.service === 'checkout' && i.environment === 'production') ?? instances[0] ?? null;
  const broken = main?.mode === 'down' || main?.mode === 'slow';
  const usable = (i: DemoInstance) => i.state === 'running' || i.state === 'elsewhere';
  return (
    <Card
      title="Demo controls"
      meta="The built-in demo runs small services on this machine. Break one to see an alert, then heal it to see the recovery."
      className="demo-controls"
    >
      {main ? (
        <div className="demo-main">
          {broken ? (
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy !== null || !usable(main)}
              onClick={() => void healDemo(main.service, main.environment)}
            >
              Heal {main.service} (demo)
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-danger"
              disabled={busy !== null || !usable(main)}
              onClick={() => void breakDemo(main.service, main.environment)}
            >
              Break {main.service} (demo)
            </button>
          )}
          {!broken ? (
            <button
              type="button"
              className="btn"
              disabled={busy !== null || !usable(main)}
              onClick={() => void breakDemo(main.service, main.environment, 'slow')}
            >
              Make it slow
            </button>
          ) : null}
          <span className="demo-hint">
            {broken
              ? `${main.service} in ${main.environment} is ${main.mode === 'slow' ? 'slow' : 'broken'} on purpose.`
              : `Acts on ${main.service} in ${main.environment}; its readiness check runs every few seconds.`}
          </span>
        </div>
      ) : null}
      <details className="demo-more">
        <summary>Every demo service ({instances.length})</summary>
        <p className="muted demo-note">{status.note}</p>
        <div className="table-wrap">
          <table className="table demo-table">
            <caption className="sr-only">The demo's sandbox services</caption>
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Environment</th>
                <th scope="col" className="col-num">
                  Port
                </th>
                <th scope="col">State</th>
                <th scope="col">Release</th>
                <th scope="col">
                  <span className="sr-only">Controls</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {instances.map((i) => {
                const off = i.mode === 'down' || i.mode === 'slow';
                return (
                  <tr key={`${i.service}@${i.environment}`}>
                    <th scope="row" className="cell-strong">
                      {i.service}
                    </th>
                    <td>{i.environment}</td>
                    <td className="col-num mono">{i.port}</td>
                    <td>
                      <ModePill instance={i} />
                      {i.problem ? <span className="cell-sub text-warn">{i.problem}</span> : null}
                    </td>
                    <td className="mono">{releaseText(i)}</td>
                    <td className="demo-row-actions">
                      <button
                        type="button"
                        className="btn btn-xs"
                        disabled={busy !== null || !usable(i)}
                        onClick={() =>
                          void (off ? healDemo(i.service, i.environment) : breakDemo(i.service, i.environment))
                        }
                        aria-label={`${off ? 'Heal' : 'Break'} ${i.service} in ${i.environment} (demo)`}
                      >
                        {off ? 'Heal' : 'Break'}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </details>
    </Card>
  );
}
