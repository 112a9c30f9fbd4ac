/**
 * A rollback drill's report: the verdict, each measure against its target (met ✓ with time to spare, or missed ✗
 * by how much), what to improve (derived from the evidence), the timeline, where each host stands, the phases with
 * the cockpit's own overhead; "Copy Markdown" and "Save report" (the backend's `drills.report`).
 */
import { useMemo, useState } from 'react';
import { type RollbackDrill } from '../../../shared/model/drills';
import { RunLog } from '../../components/RunLog';
import { StatusPill } from '../../components/StatusPill';
import { formatAbsolute, formatElapsed } from '../../lib/format';
import { logLines } from '../../lib/run-log';
import { releaseName, shortReleaseIds } from '../deploys/deploy-format';
import { notify, reportError } from '../../store/actions';
import { fetchRollbackReport } from './rollback-actions';
import { drillStatusTone, drillStatusWords, measureView } from './rollback-format';
import { useRollbackDrills } from './rollback-store';
import { DrillMoments, DrillStepper } from './RollbackRun';
import { saveText } from './save-text';

const NO_EVENTS: never[] = [];

export function ReportButtons({ drillId }: { drillId: string }) {
  const [busy, setBusy] = useState<'save' | 'copy' | null>(null);
  async function report(how: 'save' | 'copy') {
    setBusy(how);
    const file = await fetchRollbackReport(drillId);
    setBusy(null);
    if (!file) return;
    if (how === 'save') saveText(file.fileName, file.markdown, 'text/markdown');
    else
      navigator.clipboard.writeText(file.markdown).then(
        () => notify('Report copied', `The drill report is on the clipboard as Markdown.`),
        (error: unknown) => reportError('Could not copy to the clipboard', error),
      );
  }
  return (
    <>
      <button type="button" className="btn btn-sm" onClick={() => void report('copy')} disabled={busy !== null}>
        Copy Markdown
      </button>
      <button type="button" className="btn btn-sm" onClick={() => void report('save')} disabled={busy !== null}>
        Save report
      </button>
    </>
  );
}

export function RollbackReport({ drill }: { drill: RollbackDrill }) {
  const events = useRollbackDrills((s) => s.logs[drill.id] ?? NO_EVENTS);
  const lines = useMemo(() => logLines(events, null), [events]);
  const ended = drill.endedAt ? Date.parse(drill.endedAt) : Date.parse(drill.startedAt);
  const start = Date.parse(drill.times.injectedAt ?? drill.startedAt);
  return (
    <div className="drill-report">
      <div className="drill-verdict" role="status">
        <StatusPill tone={drillStatusTone[drill.status]}>{drillStatusWords[drill.status]}</StatusPill>
        <span>{drill.summary ? shortReleaseIds(drill.summary) : 'The drill ended.'}</span>
      </div>
      <p className="muted drill-report-meta">
        By {drill.actor}
        {drill.auto ? ' (the demo ran it by itself on first launch)' : ''} · {formatAbsolute(drill.startedAt)} ·
        practice: kept out of DORA and release marks ·{' '}
        {drill.alertsDelivered ? 'alerts were sent, marked practice' : 'alerts were recorded only'}
        {drill.incidentId ? (
          <>
            {' · '}
            <a href={`#/incidents/${encodeURIComponent(drill.incidentId)}`}>the practice incident</a>
          </>
        ) : null}
      </p>

      <h3 className="section-label">Measures</h3>
      <table className="table drill-measures">
        <caption className="sr-only">Measures against the targets</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">From → to</th>
            <th scope="col" className="col-num">
              Took
            </th>
            <th scope="col" className="col-num">
              Target
            </th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {drill.measures.map((m) => {
            const v = measureView(m);
            return (
              <tr key={m.id}>
                <th scope="row" className="cell-strong">
                  {v.label}
                </th>
                <td className="muted">{v.span}</td>
                <td className="col-num">{v.value}</td>
                <td className="col-num">{v.target ?? '—'}</td>
                <td className={v.met === false ? 'text-bad' : v.met ? 'text-ok' : 'muted'}>
                  {v.met === true ? '✓ ' : v.met === false ? '✗ ' : ''}
                  {v.verdict ?? 'no target'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h3 className="section-label">What to improve</h3>
      {drill.improvements.length === 0 ? (
        <p className="drill-nothing">
          {drill.status === 'passed'
            ? 'Nothing to improve: the checks noticed in time and the service came back within its target.'
            : 'Nothing to improve was found in the evidence.'}
        </p>
      ) : (
        <ul className="drill-improvements">
          {drill.improvements.map((i) => (
            <li key={i.id} className={`drill-improvement drill-improvement-${i.severity}`}>
              <span className={i.severity === 'fix' ? 'badge badge-bad' : 'badge'}>{i.severity}</span>
              <span>
                {i.line}
                <span className="cell-sub mono">{i.evidence}</span>
              </span>
            </li>
          ))}
        </ul>
      )}

      <div className="drill-run-grid">
        <section aria-label="Timeline">
          <h3 className="section-label">Timeline</h3>
          <ol className="drill-timeline">
            {drill.events.map((e, i) => (
              <li key={`${e.at}-${i}`} className={`drill-event drill-event-${e.kind}`}>
                <time className="mono drill-event-at" dateTime={e.at} title={formatAbsolute(e.at)}>
                  {Date.parse(e.at) >= start ? '+' : '−'}
                  {formatElapsed(Math.abs(Date.parse(e.at) - start))}
                </time>
                <span>
                  {shortReleaseIds(e.title)}
                  {e.detail ? <span className="cell-sub">{shortReleaseIds(e.detail)}</span> : null}
                </span>
              </li>
            ))}
          </ol>
        </section>
        <section aria-label="Moments">
          <h3 className="section-label">Moments</h3>
          <DrillMoments drill={drill} />
          <h3 className="section-label">Where each host stands</h3>
          <ul className="drill-hosts">
            {drill.hosts.map((h) => (
              <li key={h.host}>
                <span className="mono cell-strong">{h.host}</span> runs{' '}
                <span className="mono" title={h.release ?? undefined}>
                  {h.release ? releaseName(h.release) : 'no release'}
                </span>{' '}
                {h.onReturnRelease ? (
                  <span className="text-ok">✓ the release it returned to</span>
                ) : (
                  <span className="text-bad">✗ not the release it returned to: check it before the next deploy</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      </div>

      <h3 className="section-label">Phases · the cockpit&apos;s own overhead</h3>
      <DrillStepper drill={drill} now={ended} />

      <details className="drill-log">
        <summary>Log ({lines.length} lines)</summary>
        <RunLog title={`the rollback drill of ${drill.service}`} lines={lines} running={false} />
      </details>
    </div>
  );
}
