/**
 * "Runbook: Restart the worker [Run]" beside a failing check or an alert: the runbooks whose `for` names it. Run
 * opens the Runbooks screen with that runbook and environment chosen and asks to run it there (a protected
 * environment wants its name typed), so the steps and the doc are in view before anything happens.
 */
import { type RunbookSummary } from '../../../shared/model/runbooks';
import { runbookHref } from './runbook-view';

export function RunbookOffer({ runbooks, environment }: { runbooks: readonly RunbookSummary[]; environment: string }) {
  if (runbooks.length === 0) return null;
  return (
    <ul className="runbook-offer" aria-label="Runbooks for this">
      {runbooks.map((r) => (
        <li key={r.id}>
          <span className="runbook-offer-label">Runbook:</span>{' '}
          <a href={runbookHref(r.id, environment)} className="runbook-offer-title">
            {r.title}
          </a>
          <a
            href={runbookHref(r.id, environment, { run: true })}
            className="btn btn-xs btn-primary"
            role="button"
            aria-label={`Run ${r.title} in ${environment}`}
          >
            Run
          </a>
        </li>
      ))}
    </ul>
  );
}
