/**
 * One backup on the Backups screen: its health and why, the newest copy's age against the RPO, the sizes of recent
 * copies (a shrink marked), copies against the minimum, the last verification (open it for each check's evidence),
 * the last restore drill against its targets and when the next is due; Verify now and Run restore drill.
 */
import { useId, useState } from 'react';
import { type BackupStatus } from '../../../shared/model/backups';
import { RelativeTime } from '../../components/RelativeTime';
import { StatusPill } from '../../components/StatusPill';
import { openDrillDialog, toggleDetails, verifyBackups } from './actions';
import { AgeMeter } from './AgeMeter';
import { BackupDetails } from './BackupDetails';
import {
  againstTarget,
  drillTone,
  dueText,
  healthLabel,
  healthTone,
  verificationLabel,
  verificationTone,
} from './backup-format';
import { drillHref } from './drill-links';
import { SizeSparkline } from './SizeSparkline';
import { useBackups } from './store';
import { VerificationChecks } from './VerificationChecks';

export function BackupCard({ backup }: { backup: BackupStatus }) {
  const ref = { service: backup.service, backup: backup.id };
  const verifying = useBackups((s) => s.verifying.includes(backup.key) || s.verifying.includes('*'));
  const detailsOpen = useBackups((s) => s.detailsKey === backup.key);
  const [checksOpen, setChecksOpen] = useState(false);
  const checksId = useId();
  const detailsId = useId();
  const busy = verifying || backup.verifying;
  const verification = backup.lastVerification;
  const drill = backup.drill;
  const last = drill?.last ?? null;
  const fewCopies = backup.copies !== null && backup.copies < backup.minCopies;
  return (
    <article className={`backup-card backup-${backup.health}`} aria-labelledby={`${detailsId}-name`}>
      <header className="backup-head">
        <StatusPill tone={healthTone[backup.health]} title={backup.reason}>
          {healthLabel[backup.health]}
        </StatusPill>
        <h3 id={`${detailsId}-name`} className="backup-name">
          <span className="cell-strong mono">{backup.id}</span> <span className="muted">{backup.service}</span>
        </h3>
        <span className="badge">{backup.sourceKind}</span>
        <span className="mono muted backup-source" title={backup.source}>
          {backup.source}
        </span>
        <div className="backup-actions">
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => void verifyBackups(ref)}
            disabled={busy}
            aria-busy={busy}
            aria-label={`${busy ? 'Verifying' : 'Verify now'} ${backup.id}`}
          >
            {busy ? (
              <>
                <span className="spinner" aria-hidden="true" /> Verifying
              </>
            ) : (
              'Verify now'
            )}
          </button>
          {drill ? (
            drill.running ? (
              <button
                type="button"
                className="btn btn-sm btn-running"
                onClick={() => openDrillDialog(ref, drill.running)}
                aria-label={`Watch the drill of ${backup.id}`}
              >
                Watch the drill
              </button>
            ) : (
              <button
                type="button"
                className="btn btn-sm btn-primary"
                onClick={() => openDrillDialog(ref)}
                aria-label={`Run restore drill of ${backup.id}`}
              >
                Run restore drill
              </button>
            )
          ) : null}
          <button
            type="button"
            className="btn btn-sm btn-ghost"
            aria-expanded={detailsOpen}
            aria-controls={detailsOpen ? detailsId : undefined}
            onClick={() => toggleDetails(ref)}
            aria-label={`${detailsOpen ? 'Hide details' : 'Details'} of ${backup.id}`}
          >
            {detailsOpen ? 'Hide details' : 'Details'}
          </button>
        </div>
      </header>
      {backup.health !== 'ok' ? (
        <p className={`backup-reason text-${backup.health === 'broken' ? 'bad' : 'warn'}`}>{backup.reason}</p>
      ) : null}
      {backup.description ? <p className="backup-description muted">{backup.description}</p> : null}

      <dl className="backup-facts">
        <div>
          <dt>Newest copy</dt>
          <dd>
            {backup.newest ? (
              <>
                <span className="mono backup-copy-id" title={backup.newest.location}>
                  {backup.newest.id}
                </span>
                <AgeMeter ageMs={backup.ageMs} rpoMs={backup.rpoMs} />
              </>
            ) : (
              <span className="muted">no copy found</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Sizes</dt>
          <dd>
            <SizeSparkline sizes={backup.sizes} name={backup.id} />
            <span className={fewCopies ? 'text-bad' : 'muted'}>
              {backup.copies ?? '—'} copies / min {backup.minCopies}
            </span>
            {backup.sizes.some((s) => s.shrunk) ? <span className="badge badge-bad">shrunk copy</span> : null}
          </dd>
        </div>
        <div>
          <dt>Last verification</dt>
          <dd>
            {verification ? (
              <>
                <span className="fact-line">
                  <StatusPill tone={verificationTone[verification.status]}>
                    {verificationLabel[verification.status]}
                  </StatusPill>
                  <RelativeTime iso={verification.at} />
                </span>
                <button
                  type="button"
                  className="btn btn-xs btn-ghost"
                  aria-expanded={checksOpen}
                  aria-controls={checksId}
                  onClick={() => setChecksOpen((open) => !open)}
                >
                  {checksOpen ? 'Hide' : 'Show'} {verification.checks.length} checks
                </button>
              </>
            ) : (
              <span className="muted">not yet</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Last drill</dt>
          <dd>
            {!drill ? (
              <span className="muted">no drill declared</span>
            ) : last ? (
              <>
                <span className="fact-line">
                  <StatusPill tone={drillTone[last.status]}>{last.status}</StatusPill>
                  <a href={drillHref(last.runId)}>
                    <RelativeTime iso={last.startedAt} />
                  </a>
                </span>
                <DrillTargets drill={last} />
              </>
            ) : (
              <span className="muted">never drilled</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Next drill</dt>
          <dd>
            {drill ? (
              <span className={drill.overdue ? 'text-bad' : undefined}>{dueText(drill.dueAt, drill.overdue)}</span>
            ) : (
              <span className="muted">—</span>
            )}
          </dd>
        </div>
      </dl>

      {verification && checksOpen ? (
        <div id={checksId} className="backup-checks">
          <VerificationChecks verification={verification} />
        </div>
      ) : null}
      {detailsOpen ? (
        <div id={detailsId} className="backup-details-panel">
          <BackupDetails backup={backup} />
        </div>
      ) : null}
    </article>
  );
}

/** "RTO 41 s of 30 min · RPO 20 h of 26 h", red where a target was missed. */
export function DrillTargets({
  drill,
}: {
  drill: { rtoMs: number | null; rtoTargetMs: number; rpoMs: number | null; rpoTargetMs: number };
}) {
  const rto = againstTarget(drill.rtoMs, drill.rtoTargetMs);
  const rpo = againstTarget(drill.rpoMs, drill.rpoTargetMs);
  return (
    <span className="drill-targets">
      <span className={rto.met === false ? 'text-bad' : undefined}>RTO {rto.text}</span>
      <span className={rpo.met === false ? 'text-bad' : undefined}>RPO {rpo.text}</span>
    </span>
  );
}
