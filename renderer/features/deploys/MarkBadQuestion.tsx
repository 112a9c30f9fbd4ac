/**
 * "Mark v1.5.0 bad?" before a rollback by hand, with the evidence that decides the default: "checkout started
 * failing 3 min after v1.5.0 went live" (yes) or "no check failed after v1.5.0 went live" (no). An outage the
 * release did not cause must not turn it bad: it may be the last known good, and rollback needs one.
 */
import { useId } from 'react';
import { type MarkEvidence } from '../../../shared/api/deploys';
import { releaseName } from './deploy-format';

interface Props {
  release: string;
  evidence: MarkEvidence | null;
  value: boolean;
  onChange: (markBad: boolean) => void;
}

export function MarkBadQuestion({ release, evidence, value, onChange }: Props) {
  const name = useId();
  const shown = releaseName(release);
  return (
    <fieldset className="release-choices mark-bad-question">
      <legend className="field-label">Mark {shown} bad?</legend>
      <p className={evidence?.markBadDefault ? 'text-warn' : 'muted'}>
        {evidence ? `Evidence: ${evidence.line}.` : 'No health history to tell whether it caused the trouble.'}
      </p>
      <div className="radio-list" role="radiogroup" aria-label={`Mark ${shown} bad?`}>
        <label className={value ? 'radio-row is-checked' : 'radio-row'}>
          <input type="radio" name={name} checked={value} onChange={() => onChange(true)} />
          <span className="radio-row-label">Yes, mark it BAD_RELEASE</span>
          <span className="radio-row-hint">it is never picked again by default</span>
        </label>
        <label className={!value ? 'radio-row is-checked' : 'radio-row'}>
          <input type="radio" name={name} checked={!value} onChange={() => onChange(false)} />
          <span className="radio-row-label">No, leave it unmarked</span>
          <span className="radio-row-hint">it stays a release you can roll back to</span>
        </label>
      </div>
    </fieldset>
  );
}
