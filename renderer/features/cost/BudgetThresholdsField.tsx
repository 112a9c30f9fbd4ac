/**
 * The alert thresholds of a drafted budget, one row each: actual or forecast, then a percentage of the budget or an
 * amount in its currency (the file's `actual 80%`, `actual 300 USD`). Starts at AWS Budgets' usual set, which the
 * YAML line leaves out because it is the default.
 */
import { type DraftThreshold, defaultDraftThresholds } from './budget-snippet';

interface Props {
  labelledBy: string;
  thresholds: DraftThreshold[];
  currency: string;
  invalid: boolean;
  onChange: (thresholds: DraftThreshold[]) => void;
}

const describe = (t: DraftThreshold, currency: string) =>
  `${t.kind} ${t.value || '?'}${t.unit === 'percent' ? '%' : ` ${currency}`}`;

export function BudgetThresholdsField({ labelledBy, thresholds, currency, invalid, onChange }: Props) {
  const update = (index: number, next: Partial<DraftThreshold>) =>
    onChange(thresholds.map((t, i) => (i === index ? { ...t, ...next } : t)));
  const isDefault =
    JSON.stringify(thresholds.map((t) => ({ ...t, value: t.value.trim() }))) ===
    JSON.stringify(defaultDraftThresholds());
  return (
    <div className="cost-draft-thresholds" role="group" aria-labelledby={labelledBy}>
      <ul className="cost-draft-rows">
        {thresholds.map((t, i) => (
          // Rows have no identity of their own; the index is what the user edits.
          <li key={i} className="cost-draft-row">
            <select
              className="select"
              aria-label={`Threshold ${i + 1}: actual or forecast`}
              value={t.kind}
              onChange={(e) => update(i, { kind: e.target.value === 'forecast' ? 'forecast' : 'actual' })}
            >
              <option value="actual">actual</option>
              <option value="forecast">forecast</option>
            </select>
            <input
              className="input cost-draft-threshold num"
              inputMode="decimal"
              aria-label={`Threshold ${i + 1}: value`}
              aria-invalid={invalid && !t.value.trim()}
              value={t.value}
              onChange={(e) => update(i, { value: e.target.value })}
            />
            <select
              className="select"
              aria-label={`Threshold ${i + 1}: unit`}
              value={t.unit}
              onChange={(e) => update(i, { unit: e.target.value === 'amount' ? 'amount' : 'percent' })}
            >
              <option value="percent">%</option>
              <option value="amount">{currency}</option>
            </select>
            <button
              type="button"
              className="btn btn-ghost btn-xs"
              aria-label={`Remove threshold ${describe(t, currency)}`}
              title="Remove"
              onClick={() => onChange(thresholds.filter((_, j) => j !== i))}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
      <p className="cost-draft-row-actions">
        <button
          type="button"
          className="btn btn-ghost btn-xs"
          onClick={() => onChange([...thresholds, { kind: 'actual', value: '', unit: 'percent' }])}
        >
          + Add threshold
        </button>
        {isDefault ? (
          <span className="muted">The defaults: the line leaves them out.</span>
        ) : (
          <button type="button" className="btn btn-ghost btn-xs" onClick={() => onChange(defaultDraftThresholds())}>
            Back to the defaults
          </button>
        )}
      </p>
    </div>
  );
}
