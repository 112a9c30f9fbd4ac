/**
 * A restore drill as it happens: the live log (auto-scrolling while the reader is at the bottom), Cancel while it
 * runs (teardown still runs), then the evidence in short — status, RTO and RPO against targets, checks — and a link
 * to the full evidence.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { StatusPill } from '../../components/StatusPill';
import { logLines } from '../deploys/deploy-format';
import { cancelDrill, closeDrillDialog } from './actions';
import { checksPassed, drillTone } from './backup-format';
import { drillHref } from './drill-links';
import { useBackups } from './store';

const NO_EVENTS: never[] = [];

export function DrillRunPanel({ runId }: { runId: string }) {
  const events = useBackups((s) => s.logs[runId] ?? NO_EVENTS);
  const evidence = useBackups((s) => s.evidence[runId]);
  const lines = useMemo(() => logLines(events, null), [events]);
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const [cancelling, setCancelling] = useState(false);
  useEffect(() => {
    const el = scroller.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [lines]);

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
      <div
        ref={scroller}
        className="run-log"
        role="log"
        aria-live="polite"
        aria-label={`Live log of ${title}`}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {lines.length === 0 ? <div className="log-line log-note">Waiting for the drill to start…</div> : null}
        {lines.map((line) => (
          <div key={line.key} className={`log-line log-${line.kind}`}>
            <span className="log-text">{line.text || ' '}</span>
          </div>
        ))}
        {running ? (
          <div className="log-line log-cursor" aria-hidden="true">
            ▍
          </div>
        ) : null}
      </div>
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
