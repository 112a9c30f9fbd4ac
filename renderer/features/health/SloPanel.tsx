/**
 * Service-level objectives where a service declares one (`slo: { target: 99.5%, window: 30d }`): availability
 * against the target, the error budget left as a bar, and how fast it burns now (1 h and 6 h; ×1 is exactly on
 * budget, ×14 over an hour is the classic "page someone" rate).
 */
import { Card } from '../../components/Card';
import { CodeBlock } from '../../components/CodeBlock';
import { useStore } from '../../store';
import { budgetBar, formatBurn, formatSpan, formatUptime } from './health-format';
import { selectHealthSlos } from './selectors';

const SLO_SNIPPET = `services:
  checkout:
    slo: { target: 99.5%, window: 30d }   # from its critical checks`;

export function SloPanel() {
  const slos = useStore(selectHealthSlos);
  if (slos.length === 0) {
    return (
      <Card title="Service level objectives" className="health-slo">
        <p className="muted">
          No service declares an SLO. Add one to see availability against a target and the error budget left.
        </p>
        <CodeBlock code={SLO_SNIPPET} label="Example for cockpit.yaml" />
      </Card>
    );
  }
  return (
    <Card
      title="Service level objectives"
      meta="availability from each service's critical checks"
      flush
      className="health-slo"
    >
      <div className="table-wrap">
        <table className="table">
          <caption className="sr-only">Service level objectives and error budgets</caption>
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col" className="col-num">
                Target
              </th>
              <th scope="col" className="col-num">
                Availability
              </th>
              <th scope="col">Error budget left</th>
              <th scope="col" className="col-num" title="How fast the budget burns over the last hour (×1 = on budget)">
                Burn 1 h
              </th>
              <th scope="col" className="col-num" title="How fast the budget burns over the last 6 hours">
                Burn 6 h
              </th>
            </tr>
          </thead>
          <tbody>
            {slos.map(({ service, environment, report }) => {
              const left = report.budgetRemainingPercent;
              const tone = left === null ? 'idle' : left <= 0 ? 'bad' : left < 25 ? 'warn' : 'ok';
              return (
                <tr key={`${service}@${environment}`}>
                  <th scope="row">
                    <span className="cell-strong">{service}</span>
                    <span className="cell-sub">
                      {environment} · {formatSpan(report.windowMs)} window
                    </span>
                  </th>
                  <td className="col-num">{report.targetPercent}%</td>
                  <td className="col-num">{formatUptime(report.availabilityPercent)}</td>
                  <td>
                    <div className="budget">
                      <span
                        className={`budget-bar budget-${tone}`}
                        role="meter"
                        aria-valuemin={0}
                        aria-valuemax={100}
                        aria-valuenow={Math.round(budgetBar(left))}
                        aria-label={`Error budget left for ${service} in ${environment}`}
                      >
                        <span style={{ width: `${budgetBar(left)}%` }} />
                      </span>
                      <span className="budget-text num">
                        {left === null
                          ? 'nothing watched yet'
                          : left < 0
                            ? `overspent by ${formatSpan(report.budgetUsedMs - report.budgetMs)}`
                            : `${Math.floor(left)}% · ${formatSpan(report.budgetUsedMs)} of ${formatSpan(report.budgetMs)} used`}
                      </span>
                    </div>
                  </td>
                  <td className="col-num">{formatBurn(report.burnRate1h)}</td>
                  <td className="col-num">{formatBurn(report.burnRate6h)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
