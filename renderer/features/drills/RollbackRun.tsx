/**
 * A rollback drill as it happens: the six phases as a stepper (status, time, the cockpit's own overhead), a big
 * clock from the injection, the moments reached with their offsets, "Roll back now" (or "Heal now", key R) while
 * the drill waits for a person, Cancel at any step (asked twice: it restores a healthy release), the practice
 * incident, and the live log.
 */
import { useEffect, useMemo, useState } from 'react';
import { type RollbackDrill } from '../../../shared/model/drills';
import { Kbd } from '../../components/Kbd';
import { RunLog } from '../../components/RunLog';
import { StatusPill } from '../../components/StatusPill';
import { formatAbsolute, formatElapsed } from '../../lib/format';
import { logLines } from '../../lib/run-log';
import { shortReleaseIds } from '../deploys/deploy-format';
import { actOnDrill, cancelRollbackDrill } from './rollback-actions';
import { actLabel, clockText, drillClockMs, drillMoments, phaseMs, phaseTone } from './rollback-format';
import { useRollbackDrills } from './rollback-store';
import { useClock } from '../../components/now';

const NO_EVENTS: never[] = [];

/** R presses the recovery button, unless the key goes to a field or comes with a modifier. */
function useRecoveryKey(enabled: boolean, onPress: () => void): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== 'r' || e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      e.preventDefault();
      onPress();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, onPress]);
}

export function DrillStepper({ drill, now }: { drill: RollbackDrill; now: number }) {
  return (
    <ol className="drill-stepper" aria-label="Phases of the drill">
      {drill.phases.map((p, i) => {
        const ms = phaseMs(p, now);
        return (
          <li
            key={p.id}
            className={`drill-step drill-step-${p.status}`}
            aria-current={p.id === drill.phase && drill.status === 'running' ? 'step' : undefined}
          >
            <span className="drill-step-n" aria-hidden="true">
              {i + 1}
            </span>
            <span className="drill-step-title">{p.title}</span>
            <StatusPill tone={phaseTone[p.status]}>{p.status}</StatusPill>
            <span className="drill-step-time">
              {ms === null ? '—' : formatElapsed(ms)}
              {p.overheadMs !== null ? (
                <span className="muted" title="The cockpit's own time: SSH round trips, journal writes">
                  {' '}
                  · cockpit {formatElapsed(p.overheadMs)}
                </span>
              ) : null}
            </span>
            {p.detail ? (
              <span className="drill-step-detail" title={p.detail}>
                {shortReleaseIds(p.detail)}
              </span>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

export function DrillMoments({ drill }: { drill: RollbackDrill }) {
  return (
    <ol className="drill-moments" aria-label="Moments measured">
      {drillMoments(drill).map((m) => (
        <li key={m.id} className={m.at ? 'drill-moment is-reached' : 'drill-moment'}>
          <span className="drill-moment-offset mono">
            {m.id === 'injectedAt'
              ? m.at
                ? '0:00'
                : '—'
              : m.offsetMs === null
                ? '—'
                : `+${formatElapsed(m.offsetMs)}`}
          </span>
          <span className="drill-moment-label" title={m.at ? formatAbsolute(m.at) : undefined}>
            {m.label}
          </span>
          {m.at ? null : <span className="muted drill-moment-pending">not yet</span>}
        </li>
      ))}
    </ol>
  );
}

export function RollbackRun({ drill }: { drill: RollbackDrill }) {
  const now = useClock(drill.status === 'running');
  const events = useRollbackDrills((s) => s.logs[drill.id] ?? NO_EVENTS);
  const acting = useRollbackDrills((s) => s.acting.includes(drill.id));
  const cancelPending = useRollbackDrills((s) => s.cancelling.includes(drill.id));
  const [confirmCancel, setConfirmCancel] = useState(false);
  const lines = useMemo(() => logLines(events, null), [events]);
  const label = actLabel(drill.plan.method);
  const canAct = drill.waitingForAction && !acting && !drill.cancelling;
  const press = useMemo(() => () => void actOnDrill(drill.id), [drill.id]);
  useRecoveryKey(canAct, press);
  const clock = drillClockMs(drill, now);
  const phase = drill.phases.find((p) => p.id === drill.phase);

  return (
    <div className="drill-run" aria-busy={drill.status === 'running'}>
      <div className="drill-run-top">
        <div className="drill-clock" role="timer" aria-label="Time since the failure was injected">
          <span className="drill-clock-value mono">{clock === null ? '0:00' : clockText(clock)}</span>
          <span className="drill-clock-caption muted">
            {clock === null ? 'The clock starts at the injection' : 'since the failure was injected'}
          </span>
        </div>
        <div className="drill-run-now">
          <p className="drill-run-phase">
            <strong>{phase?.title ?? drill.phase}</strong>
            {phase?.detail ? <span className="muted"> · {shortReleaseIds(phase.detail)}</span> : null}
          </p>
          {drill.waitingForAction ? (
            <div className="drill-act">
              <p>
                The failure was detected. Recover now, as the on-call would: the time from detection to this press is
                the human part of the measure.
              </p>
              <button
                type="button"
                className="btn btn-danger drill-act-button"
                disabled={!canAct}
                onClick={press}
                aria-keyshortcuts="R"
              >
                {acting ? 'Starting…' : label} <Kbd>R</Kbd>
              </button>
            </div>
          ) : drill.cancelling ? (
            <p className="text-warn">Cancelling: returning every host to a healthy release…</p>
          ) : null}
          {drill.incidentId ? (
            <p>
              <a href={`#/incidents/${encodeURIComponent(drill.incidentId)}`}>Open the practice incident →</a>
            </p>
          ) : null}
          <div className="drill-cancel">
            {confirmCancel ? (
              <>
                <span>Cancel the drill? A healthy release is put back on every host.</span>
                <button
                  type="button"
                  className="btn btn-sm"
                  disabled={cancelPending || drill.cancelling}
                  onClick={() => {
                    setConfirmCancel(false);
                    void cancelRollbackDrill(drill.id);
                  }}
                >
                  Yes, cancel the drill
                </button>
                <button type="button" className="btn btn-sm btn-ghost" onClick={() => setConfirmCancel(false)}>
                  Keep going
                </button>
              </>
            ) : (
              <button
                type="button"
                className="btn btn-sm"
                disabled={drill.cancelling || cancelPending}
                onClick={() => setConfirmCancel(true)}
              >
                {drill.cancelling ? 'Cancelling…' : 'Cancel drill…'}
              </button>
            )}
          </div>
        </div>
      </div>
      <div className="drill-run-grid">
        <section aria-label="Phases">
          <h3 className="section-label">Phases</h3>
          <DrillStepper drill={drill} now={now} />
        </section>
        <section aria-label="Moments">
          <h3 className="section-label">Moments</h3>
          <DrillMoments drill={drill} />
        </section>
      </div>
      <h3 className="section-label">Live log</h3>
      <RunLog
        title={`the rollback drill of ${drill.service}`}
        lines={lines}
        running={drill.status === 'running'}
        before={
          lines.length === 0 ? <div className="log-line log-note">Waiting for the drill's first step…</div> : null
        }
      />
    </div>
  );
}
