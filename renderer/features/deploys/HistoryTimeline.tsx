/**
 * The deploy history of one service in one environment, newest first: release, who, when, how long, the result —
 * deploys made outside the app marked as such — with the current release, the last known good one, and a way back
 * on a deploy that went wrong.
 */
import { RelativeTime } from '../../components/RelativeTime';
import { StatusPill } from '../../components/StatusPill';
import { useStore } from '../../store';
import { openDeploysDialog } from './actions';
import {
  duration,
  isPractice,
  knownTime,
  practiceTitle,
  recordRelease,
  releaseName,
  resultLabel,
  resultTone,
} from './deploy-format';
import { selectHistoryErrorOf, selectHistoryOf } from './selectors';

export function HistoryTimeline({ service, environment }: { service: string; environment: string }) {
  const history = useStore(selectHistoryOf(service, environment));
  const error = useStore(selectHistoryErrorOf(service, environment));
  if (!history) return error ? <p className="text-bad">{error}</p> : <p className="muted">Reading the history…</p>;
  const held = history.locks.filter((l) => l.held);
  return (
    <div className="history">
      <dl className="history-facts">
        <div>
          <dt>Current</dt>
          <dd className="mono">
            {history.current
              ? releaseName(history.current)
              : history.currentByHost.map((c) => `${c.host}: ${releaseName(c.release)}`).join(' · ') || '—'}
          </dd>
        </div>
        <div>
          <dt>Last known good</dt>
          <dd className="mono">{releaseName(history.lastGood)}</dd>
        </div>
        <div>
          <dt>Rollback goes to</dt>
          <dd className="mono">{releaseName(history.rollbackTarget)}</dd>
        </div>
        {held.length > 0 ? (
          <div>
            <dt>Lock</dt>
            <dd>
              <button
                type="button"
                className="btn btn-xs"
                onClick={() => openDeploysDialog({ kind: 'lock', service, environment })}
              >
                held by {held[0]?.info?.who ?? 'someone'}
              </button>
            </dd>
          </div>
        ) : null}
      </dl>
      {history.unreachable.map((u) => (
        <p key={u.host} className="text-warn">
          {u.host} could not be read: {u.message}
        </p>
      ))}
      {history.records.length === 0 ? (
        <p className="muted">No deploys yet.</p>
      ) : (
        <ol className="timeline" aria-label={`Deploy history of ${service} in ${environment}`}>
          {history.records.map((r, i) => {
            const practice = isPractice(r);
            // A drill's run is followed by the drill itself (its own "Roll back now"): no way back offered here.
            const wentWrong =
              !practice &&
              i === 0 &&
              r.source === 'cockpit' &&
              r.wentLive &&
              (r.result === 'unknown' || r.result === 'failed');
            return (
              <li
                key={r.id}
                className={`timeline-item timeline-${resultTone[r.result] ?? 'idle'}${practice ? ' timeline-practice' : ''}`}
                // Muted in place: a practice run stays readable in the history yet never looks like a real change.
                style={practice ? { opacity: 0.65 } : undefined}
              >
                <span className="timeline-dot" aria-hidden="true" />
                <div className="timeline-main">
                  <div className="timeline-line">
                    <StatusPill tone={resultTone[r.result] ?? 'idle'}>{resultLabel[r.result] ?? r.result}</StatusPill>
                    <span className="timeline-kind">{r.kind === 'rollback' ? 'Rollback to' : 'Deploy'}</span>
                    <span className="mono timeline-release">{recordRelease(r)}</span>
                    {r.external ? (
                      <span className="badge badge-external" title="Found on the hosts; not made by this cockpit">
                        outside the app
                      </span>
                    ) : null}
                    {practice ? (
                      <span className="badge badge-practice" title={practiceTitle(r)}>
                        practice
                      </span>
                    ) : null}
                    {r.source === 'audit' ? <span className="badge">teammate</span> : null}
                    <span className="timeline-meta">
                      {r.actor ? `${r.actor} · ` : ''}
                      {knownTime(r.startedAt) ? <RelativeTime iso={r.startedAt} /> : 'time unknown'}
                      {r.durationMs !== null ? ` · ${duration(r.durationMs)}` : ''}
                      {r.hosts.length > 0 ? ` · ${r.hosts.join(', ')}` : ''}
                    </span>
                  </div>
                  {r.summary ? <p className="timeline-summary">{r.summary}</p> : null}
                  {r.releaseId ? (
                    <p className="timeline-id mono">
                      {r.releaseId}
                      {r.commit ? ` · commit ${r.commit}` : ''}
                    </p>
                  ) : null}
                  {wentWrong ? (
                    <button
                      type="button"
                      className="btn btn-sm btn-primary"
                      onClick={() => openDeploysDialog({ kind: 'rollback', service, environment })}
                    >
                      Roll back…
                    </button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
