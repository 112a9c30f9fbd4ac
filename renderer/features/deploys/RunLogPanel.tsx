/**
 * A deploy or rollback as it happens: the live log (per host, step by step, tail first, auto-scrolling while the
 * reader is at the bottom), a Cancel button while it runs, then a clear end state — where each host stands, the
 * failed step (host, command, exit code, output), the way back, or the problem that stopped it before it began.
 */
import { useMemo, useState } from 'react';
import { RunLog } from '../../components/RunLog';
import { StatusPill } from '../../components/StatusPill';
import { useStore } from '../../store';
import { cancelRun, openDeploysDialog } from './actions';
import {
  hostStateLabel,
  hostStateTone,
  logLines,
  releaseName,
  resultLabel,
  resultTone,
  duration,
  failureMessage,
  runStatus,
  shortReleaseIds,
} from './deploy-format';
import { RunProblemPanel } from './RunProblemPanel';
import { selectRunLog } from './selectors';

export function RunLogPanel({ runId }: { runId: string }) {
  const log = useStore(selectRunLog(runId));
  const [host, setHost] = useState<string | null>(null);
  const lines = useMemo(() => logLines(log?.events ?? [], host), [log?.events, host]);

  const run = log?.run ?? null;
  if (!run) return <p className="muted">Waiting for the run to start…</p>;
  const running = run.status === 'running';
  const hostWidth = Math.min(24, Math.max(6, ...run.hosts.map((h) => h.length)));
  const outcome = run.outcome;
  // A run stopped by someone else's lock says "locked" (runStatus). A run stopped before it began (a lock, a host
  // key, a host out of reach) has its problem panel say why and what to do: the summary would only repeat it.
  const status = runStatus(run);
  return (
    <div className="run-panel" aria-busy={running}>
      <div className="run-head">
        <StatusPill tone={running ? 'running' : (resultTone[status] ?? 'idle')}>
          {running ? (run.cancelling ? 'cancelling…' : 'running') : (resultLabel[status] ?? status)}
        </StatusPill>
        <span className="run-title">{run.title}</span>
        <span className="muted run-meta">
          {run.actor ? `by ${run.actor} · ` : ''}
          {run.hosts.join(', ')}
        </span>
        {running ? (
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => void cancelRun(runId)}
            disabled={run.cancelling}
            aria-label="Cancel the run"
          >
            {run.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : null}
      </div>

      <div className="run-hosts" role="tablist" aria-label="Show the log of">
        {[null, ...run.hosts].map((h) => (
          <button
            key={h ?? '*'}
            type="button"
            role="tab"
            aria-selected={host === h}
            className={host === h ? 'chip chip-on' : 'chip'}
            onClick={() => setHost(h)}
          >
            {h ?? 'All hosts'}
          </button>
        ))}
      </div>

      <RunLog
        title={run.title}
        lines={lines}
        running={running}
        {...(host === null && run.hosts.length > 1 ? { hostWidth } : {})}
        before={
          log?.truncated ? (
            <div className="log-line log-note">… earlier output not shown (the journal has it all)</div>
          ) : null
        }
      />

      {!running ? (
        <div className={`run-end run-end-${resultTone[status] ?? 'idle'}`} role="status">
          {run.problem || !run.summary ? null : (
            <p className="run-summary" title={run.summary}>
              {shortReleaseIds(run.summary)}
            </p>
          )}
          {/* Why it stopped before it began, and what to do about it, comes before where each host stands. */}
          {run.problem ? (
            <RunProblemPanel problem={run.problem} service={run.service} environment={run.environment} />
          ) : null}
          {outcome && outcome.hosts.length > 0 ? (
            <table className="table run-outcome">
              <caption className="sr-only">Where each host stands</caption>
              <thead>
                <tr>
                  <th scope="col">Host</th>
                  <th scope="col">State</th>
                  <th scope="col">Release now</th>
                </tr>
              </thead>
              <tbody>
                {outcome.hosts.map((h) => (
                  <tr key={h.host}>
                    <td className="mono">{h.host}</td>
                    <td>
                      <StatusPill tone={hostStateTone[h.state]} title={h.detail ?? undefined}>
                        {hostStateLabel[h.state]}
                      </StatusPill>
                    </td>
                    <td className="mono">{releaseName(h.release)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {outcome?.failure ? (
            <div className="run-failure">
              <p>
                <strong>{outcome.result === 'cancelled' ? 'Cancelled during:' : 'Failed step:'}</strong>{' '}
                {outcome.failure.step}
                {outcome.failure.host ? ` on ${outcome.failure.host}` : ''}
                {outcome.failure.exitCode !== null ? ` · exit code ${outcome.failure.exitCode}` : ''}
                {` · ${shortReleaseIds(failureMessage(outcome.failure))}`}
              </p>
              {outcome.failure.command ? <code className="run-command">{outcome.failure.command}</code> : null}
              {outcome.failure.outputTail ? <pre className="run-tail">{outcome.failure.outputTail}</pre> : null}
            </div>
          ) : null}
          {outcome?.wayBack ? (
            <div className="run-wayback">
              <p>
                <strong>The way back:</strong> {shortReleaseIds(outcome.wayBack.summary)}
              </p>
              <button
                type="button"
                className="btn btn-primary btn-sm"
                onClick={() =>
                  openDeploysDialog({
                    kind: 'rollback',
                    service: run.service,
                    environment: run.environment,
                    ...(outcome.wayBack?.rollbackTo ? { to: outcome.wayBack.rollbackTo } : {}),
                  })
                }
              >
                Roll back {run.service} in {run.environment}…
              </button>
            </div>
          ) : null}
          {outcome ? <p className="muted run-took">Took {duration(outcome.durationMs)}.</p> : null}
        </div>
      ) : null}
    </div>
  );
}
