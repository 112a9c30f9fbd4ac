/**
 * What the budget draft produces: where the budget would stand this month (from figures already on screen), the
 * YAML line with where to paste it, what still keeps it from being valid, and Copy. When the clipboard refuses (a
 * browser without permission), the line appears selected in a text area, for Ctrl+C.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { type CostScreen } from '../../../shared/model/cost';
import { BudgetMeter } from './BudgetMeter';
import { previewBudget } from './budget-preview';
import { type BudgetDraft, type BudgetSnippet, type DraftField } from './budget-snippet';
import { money, monthLabel, percent } from './cost-format';

const fieldNames: Record<DraftField, string> = {
  name: 'Name',
  amount: 'Monthly',
  scope: 'Holds',
  account: 'Account',
  thresholds: 'Alerts',
};

interface Props {
  draft: BudgetDraft;
  snippet: BudgetSnippet;
  screen: CostScreen | null;
  shownAccount: string | null;
}

function Preview({ draft, screen, shownAccount }: Omit<Props, 'snippet'>) {
  const preview = useMemo(() => previewBudget(draft, screen, shownAccount), [draft, screen, shownAccount]);
  const month = screen ? monthLabel(screen.overview.month) : 'This month';
  if (preview.kind === 'unavailable') {
    return (
      <div className="cost-draft-preview">
        <p className="cost-draft-preview-title">{month} so far</p>
        <p className="muted">{preview.reason}</p>
      </div>
    );
  }
  const budget = Number(draft.amount.trim());
  const ticks = draft.thresholds
    .filter((t) => t.kind === 'actual' && Number(t.value) > 0)
    .map((t) => (t.unit === 'percent' ? (budget * Number(t.value)) / 100 : Number(t.value)));
  return (
    <div className="cost-draft-preview">
      <p className="cost-draft-preview-title">{month} so far</p>
      <p className="cost-draft-preview-figure">
        <span className="num cell-strong">{money(preview.actual, preview.currency)}</span>{' '}
        <span className="muted">
          of {money(draft.amount.trim(), preview.currency)} · {percent(preview.percent)}
        </span>
      </p>
      <BudgetMeter
        label="The drafted budget: spend so far this month against it"
        currency={preview.currency}
        input={{ actual: Number(preview.actual), budget, forecast: null, ticks }}
      />
      <p className="muted cost-draft-preview-note">
        {preview.crossed.length
          ? `Already crossed: ${preview.crossed.join(', ')}.`
          : 'No actual threshold crossed yet.'}
      </p>
    </div>
  );
}

export function BudgetDraftOutput({ draft, snippet, screen, shownAccount }: Props) {
  const [copy, setCopy] = useState<'idle' | 'copied' | 'manual'>('idle');
  const manual = useRef<HTMLTextAreaElement>(null);
  const valid = snippet.issues.length === 0;

  // A new line is a new thing to copy.
  const [copiedLine, setCopiedLine] = useState(snippet.line);
  if (copiedLine !== snippet.line) {
    setCopiedLine(snippet.line);
    if (copy === 'copied') setCopy('idle');
  }
  useEffect(() => {
    if (copy === 'manual') manual.current?.select();
  }, [copy]);

  const onCopy = async () => {
    try {
      // An insecure origin has no clipboard at all; a browser may also refuse the permission.
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(snippet.line);
      setCopy('copied');
    } catch {
      setCopy('manual');
    }
  };

  return (
    <div className="cost-draft-output">
      <Preview draft={draft} screen={screen} shownAccount={shownAccount} />
      <figure className="code cost-draft-code">
        <figcaption className="code-head">
          <span>
            Paste under <code>cost:</code> → <code>budgets:</code> in <code>cockpit.yaml</code>
          </span>
          <span className="cost-draft-copy">
            <span role="status" className="muted">
              {copy === 'copied'
                ? 'Copied to the clipboard.'
                : copy === 'manual'
                  ? 'Copying was refused: press Ctrl+C (⌘C).'
                  : ''}
            </span>
            <button
              type="button"
              className="btn btn-sm btn-primary"
              disabled={!valid}
              onClick={() => void onCopy()}
              aria-label="Copy the YAML line"
            >
              Copy
            </button>
          </span>
        </figcaption>
        {copy === 'manual' ? (
          <textarea
            ref={manual}
            className="code-body cost-draft-manual"
            aria-label="The YAML line, selected to copy"
            readOnly
            rows={2}
            value={snippet.line}
            onFocus={(e) => e.currentTarget.select()}
          />
        ) : (
          <pre className={valid ? 'code-body' : 'code-body is-draft'}>
            <code>{snippet.line}</code>
          </pre>
        )}
      </figure>
      {valid ? (
        <p className="cost-draft-hint muted">
          Checked against the workspace schema. Once the file is saved, the cockpit reloads it and the budget appears
          above, with its alerts.
        </p>
      ) : (
        <ul className="cost-draft-issues" aria-label="Still needed">
          {snippet.issues.map((issue) => (
            <li key={`${issue.field}:${issue.message}`}>
              <span className="cell-strong">{fieldNames[issue.field]}:</span> {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
