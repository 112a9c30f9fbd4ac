/**
 * A restore drill as it happens: the live log (auto-scrolling while the reader is at the bottom), Cancel while it
 * runs (teardown still runs), then the evidence in short — status, RTO and RPO against targets, checks — and a link
 * to the full evidence.
 */
import { useMemo, useState } from 'react';
import { RunLog } from '../../components/RunLog';
import { StatusPill } from '../../components/StatusPill';
import { logLines } from '../../lib/run-log';
import { cancelDrill, closeDrillDialog } from './actions';
import { checksPassed, drillTone } from './backup-format';
import { drillHref } from './drill-links';
import { useBackups } from './store';

const NO_EVENTS: never[] = [];

export function DrillRunPanel({ runId }: { runId: string }) {
  const events = useBackups((s) => s.logs[runId] ?? NO_EVENTS);
  const evidence = useBackups((s) => s.evidence[runId]);
  const lines = useMemo(() => logLines(events, null), [events]);
  const [cancelling, setCancelling] = useState(false);

  const started = events.find((e) => e.type === 'run.started');
  const ended = events.find((e) => e.type === 'run.ended');
  const running =
    !ended && evidence?.status !== 'succeeded' && evidence?.status !== 'failed' && evidence?.status !== 'cancelled';
  const status = ended?.status ?? (evidence && evidence.status !== 'running' ? evidence.status : 'running');
  const title = started?.title ?? 'Restore drill';
  // The evidence arrives a moment after the end event; the summary waits for it rather than show a half record.
  const done = !running && evidence && evidence.status !== 'running' ? evidence : null;

  return (
    <div className="run-panel" aria-busy={running}>
      <div className="run-head">
        <StatusPill tone={drillTone[status]}>{status}</StatusPill>
        <span className="run-title">{title}</span>
        {running ? (
          <button
            type="button"
            className="btn btn-sm"
            disabled={cancelling}
            onClick={() => {
              setCancelling(true);
              void cancelDrill(runId);
            }}
          >
            {cancelling ? 'Cancelling… ' : 'Cancel '}
            <span className="muted">(teardown still runs)</span>
          </button>
        ) : null}
      </div>
      <RunLog
        title={title}
        lines={lines}
        running={running}
        before={lines.length === 0 ? <div className="log-line log-note">Waiting for the drill to start…</div> : null}
      />
      {!running ? (
        <div className={`run-end run-end-${drillTone[status]}`} role="status">
          {done ? (
            <>
              {done.summary ? <p className="run-summary">{done.summary}</p> : null}
              <p className="drill-end-facts">
                <span>Checks: {checksPassed(done)}</span>
                <span>
                  Teardown: {done.teardownOk === null ? 'nothing to tear down' : done.teardownOk ? 'done' : 'failed'}
                </span>
              </p>
              <p>
                <a href={drillHref(runId)} onClick={() => closeDrillDialog()}>
                  Open the evidence →
                </a>
              </p>
            </>
          ) : (
            <p className="muted">{ended?.summary ?? 'Reading the evidence…'}</p>
          )}
        </div>
      ) : null}
    </div>
  );
}
