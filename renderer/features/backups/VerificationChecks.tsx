import { type Verification } from '../../../shared/model/backups';
import { StatusPill } from '../../components/StatusPill';
import { formatElapsed } from '../../lib/format';
import { verificationLabel, verificationTone } from './backup-format';

/** Each check of a verification with what a pass proves and what it does not, and the evidence when it ran one. */
export function VerificationChecks({ verification }: { verification: Verification }) {
  return (
    <ul className="verify-checks">
      {verification.checks.map((check, i) => (
        <li key={`${check.kind}-${i}`} className="verify-check">
          <div className="verify-check-head">
            <StatusPill tone={verificationTone[check.status]}>{verificationLabel[check.status]}</StatusPill>
            <span className="verify-kind">{check.kind}</span>
            <span className="verify-summary">{check.summary}</span>
            <span className="muted verify-took">{formatElapsed(check.durationMs)}</span>
          </div>
          <p className="verify-proves">
            <strong>Proves:</strong> {check.proves}
          </p>
          <p className="verify-proves muted">
            <strong>Does not prove:</strong> {check.doesNotProve}
          </p>
          {check.command ? (
            <p className="verify-command">
              <code className="run-command">{check.command}</code>
              {check.exitCode !== undefined ? (
                <span className="muted">
                  {' '}
                  exit code {check.exitCode === null ? '— (did not finish)' : check.exitCode}
                </span>
              ) : null}
            </p>
          ) : null}
          {check.output ? <pre className="run-tail">{check.output}</pre> : null}
        </li>
      ))}
    </ul>
  );
}
