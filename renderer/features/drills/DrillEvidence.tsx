/**
 * One restore drill's evidence: RTO and RPO against targets, each phase with its duration (a small bar), the copy
 * restored (id, time, size, checksum, why this one), each smoke check (command, expected, exit code, output,
 * verdict), teardown, every command; Download report (.md) and Copy report.
 */
import { type ReactNode, useEffect, useState } from 'react';
import { type RestoreDrill } from '../../../shared/model/backups';
import { Card } from '../../components/Card';
import { RelativeTime } from '../../components/RelativeTime';
import { Skeleton } from '../../components/Skeleton';
import { StatusPill } from '../../components/StatusPill';
import { formatAbsolute, formatElapsed } from '../../lib/format';
import { notify, reportError } from '../../store/actions';
import { fetchDrillReport, loadDrillRun } from '../backups/actions';
import { DrillTargets } from '../backups/BackupCard';
import { checksPassed, drillTone, formatBytes, phaseBars } from '../backups/backup-format';
import { useBackups } from '../backups/store';
import { saveText } from './save-text';

export function DrillEvidence({ runId }: { runId: string }) {
  const drill = useBackups((s) => s.evidence[runId] ?? s.drills?.find((d) => d.runId === runId));
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    void loadDrillRun(runId).finally(() => setAsked(true));
  }, [runId]);
  const back = (
    <a href="#/drills" className="deploys-card-link">
      ← All drills
    </a>
  );
  if (!drill)
    return (
      <Card title="Restore drill" actions={back}>
        {asked ? (
          <p className="text-warn">No restore drill with the id {runId} in the journal. Pick one from the list.</p>
        ) : (
          <Skeleton lines={6} label="Reading the evidence…" />
        )}
      </Card>
    );
  return <EvidenceView drill={drill} back={back} />;
}

function EvidenceView({ drill, back }: { drill: RestoreDrill; back: ReactNode }) {
  const [busy, setBusy] = useState<'download' | 'copy' | null>(null);
  async function report(how: 'download' | 'copy') {
    setBusy(how);
    const file = await fetchDrillReport(drill.runId);
    setBusy(null);
    if (!file) return;
    if (how === 'download') saveText(file.filename, file.text, 'text/markdown');
    else
      navigator.clipboard.writeText(file.text).then(
        () => notify('Report copied', `${file.filename} is on the clipboard.`),
        (error: unknown) => reportError('Could not copy to the clipboard', error),
      );
  }
  return (
    <Card
      title={`Restore drill of ${drill.service}/${drill.backup}`}
      meta={<RelativeTime iso={drill.startedAt} />}
      actions={
        <>
          <button type="button" className="btn btn-sm" onClick={() => void report('download')} disabled={busy !== null}>
            Download report (.md)
          </button>
          <button type="button" className="btn btn-sm" onClick={() => void report('copy')} disabled={busy !== null}>
            Copy report
          </button>
          {back}
        </>
      }
      className="drill-evidence"
    >
      <div className="evidence-head">
        <StatusPill tone={drillTone[drill.status]}>{drill.status}</StatusPill>
        <span>{drill.summary ?? 'Still running.'}</span>
      </div>
      <dl className="facts evidence-facts">
        <dt>Measured</dt>
        <dd>
          <DrillTargets drill={drill} />
          {drill.rpoFrom ? <span className="muted"> (RPO from {drill.rpoFrom})</span> : null}
        </dd>
        <dt>Run</dt>
        <dd>
          <span className="mono">{drill.runId}</span> by {drill.actor} on <span className="mono">{drill.host}</span>
          {drill.environment ? ` (${drill.environment})` : ''}, {formatAbsolute(drill.startedAt)}
        </dd>
        <dt>Scratch</dt>
        <dd className="mono">{drill.scratch}</dd>
        <dt>Copy</dt>
        <dd>
          {drill.copy ? (
            <>
              <span className="mono">{drill.copy.id}</span> · taken {formatAbsolute(drill.copy.time)} ·{' '}
              {formatBytes(drill.copy.size)} · chosen as {drill.copyChoice}
              <br />
              <span className="muted">checksum </span>
              {drill.checksum ? (
                <span className="mono evidence-checksum">{drill.checksum}</span>
              ) : (
                <span className="muted">not computed for this source</span>
              )}
            </>
          ) : (
            <span className="muted">none restored ({drill.copyChoice})</span>
          )}
        </dd>
        <dt>Teardown</dt>
        <dd className={drill.teardownOk === false ? 'text-bad' : undefined}>
          {drill.teardownOk === null
            ? 'nothing to tear down'
            : drill.teardownOk
              ? 'ran and succeeded'
              : 'FAILED: the scratch target may still exist; remove it by hand'}
        </dd>
      </dl>

      <h3 className="section-label">Phases</h3>
      <ul className="phase-bars">
        {phaseBars(drill.phases).map((p) => (
          <li key={p.name} className="phase-bar">
            <span className="phase-name">{p.name}</span>
            <span className="phase-track" aria-hidden="true">
              <span
                className={`phase-fill ${p.ok ? 'phase-ok' : 'phase-bad'}`}
                style={{ width: `${p.share * 100}%` }}
              />
            </span>
            <span className="phase-took">
              {formatElapsed(p.durationMs)}
              {p.ok ? '' : ' · failed'}
            </span>
            {p.detail ? <span className="phase-detail muted">{p.detail}</span> : null}
          </li>
        ))}
      </ul>

      <h3 className="section-label">Checks · {checksPassed(drill)}</h3>
      {drill.checks.length === 0 ? (
        <p className="muted">No smoke checks were declared: only the restore itself is proved.</p>
      ) : (
        <ul className="verify-checks">
          {drill.checks.map((c, i) => (
            <li key={`${c.name}-${i}`} className="verify-check">
              <div className="verify-check-head">
                <StatusPill tone={c.ok ? 'ok' : 'bad'}>{c.ok ? 'passed' : 'failed'}</StatusPill>
                <span className="cell-strong">{c.name}</span>
                <span className="muted verify-took">{formatElapsed(c.durationMs)}</span>
              </div>
              <p className="verify-command">
                <code className="run-command">{c.command}</code>
                <span className="muted"> exit code {c.exitCode ?? '— (did not finish)'}</span>
              </p>
              <p className="verify-proves">
                <strong>Expected:</strong> {c.expected ?? 'exit code 0'}
                {c.detail ? <span className={c.ok ? 'muted' : 'text-bad'}> · {c.detail}</span> : null}
              </p>
              <pre className="run-tail">{c.output || '(no output)'}</pre>
            </li>
          ))}
        </ul>
      )}

      {drill.commands.length > 0 ? (
        <details className="evidence-commands">
          <summary>Every command ({drill.commands.length})</summary>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Phase</th>
                <th scope="col">Command</th>
                <th scope="col" className="col-num">
                  Exit
                </th>
                <th scope="col" className="col-num">
                  Took
                </th>
              </tr>
            </thead>
            <tbody>
              {drill.commands.map((c, i) => (
                <tr key={i}>
                  <td>{c.phase}</td>
                  <td className="mono">{c.command}</td>
                  <td className="col-num">{c.exitCode ?? '—'}</td>
                  <td className="col-num">{formatElapsed(c.durationMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </Card>
  );
}
