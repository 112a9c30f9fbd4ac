/**
 * "Draft a budget": a form that writes the YAML line of a new budget for cockpit.yaml — its name, monthly amount,
 * what it holds (everything, one service, or one tag value, untagged included), the account with several, and its
 * alert thresholds. The app never writes the workspace file; the line is checked with the workspace schema and
 * copied for the user to paste, review and commit. Services and tag values come from Cost Explorer's lists, loaded
 * when the user asks (they cost requests), and from what the chart already shows.
 */
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useStore } from '../../store';
import { BudgetDraftOutput } from './BudgetDraftOutput';
import { BudgetThresholdsField } from './BudgetThresholdsField';
import {
  type BudgetDraft,
  type BudgetScope,
  type DraftField,
  budgetSnippet,
  defaultDraftThresholds,
} from './budget-snippet';
import { CostPickersButton, CostPickersError } from './CostPickersButton';
import { type DraftChoices, defaultService, draftChoices } from './picker-choices';
import { type CostScreen } from '../../../shared/model/cost';
import {
  selectCostAccount,
  selectCostAccounts,
  selectCostBudgetConfigs,
  selectCostPickers,
  selectCostScreen,
  selectCostTagKeys,
} from './selectors';

const ALL = '';

/**
 * A service not chosen yet takes the largest spender, a tag key the first one offered, once there are some (the
 * lists may arrive later).
 */
function settle(draft: BudgetDraft, choices: DraftChoices, screen: CostScreen | null): BudgetDraft {
  const { scope } = draft;
  const service = defaultService(choices, screen);
  if (scope.kind === 'service' && !scope.service && service) return { ...draft, scope: { ...scope, service } };
  const key = choices.tagKeys[0];
  if (scope.kind === 'tag' && !scope.key && key) {
    return { ...draft, scope: { kind: 'tag', key, value: choices.tagValues[key]?.[0] ?? '' } };
  }
  return draft;
}

interface Props {
  id: string;
  onClose: () => void;
}

export function CostBudgetDraft({ id, onClose }: Props) {
  const titleId = useId();
  const ids = { name: useId(), amount: useId(), currency: useId(), account: useId(), service: useId(), tag: useId() };
  const screen = useStore(selectCostScreen);
  const shownAccount = useStore(selectCostAccount);
  const accounts = useStore(selectCostAccounts);
  const budgets = useStore(selectCostBudgetConfigs);
  const declared = useStore(selectCostTagKeys);
  const pickers = useStore(selectCostPickers);
  const several = accounts.length > 1;

  const [typed, setDraft] = useState<BudgetDraft>(() => ({
    name: '',
    amount: '',
    currency: screen?.overview.currency ?? 'USD',
    scope: { kind: 'all' },
    account: several ? shownAccount : null,
    thresholds: defaultDraftThresholds(),
  }));
  const [touched, setTouched] = useState<ReadonlySet<DraftField>>(new Set());
  const change = (field: DraftField, next: Partial<BudgetDraft>) => {
    setDraft((d) => ({ ...d, ...next }));
    setTouched((t) => (t.has(field) ? t : new Set([...t, field])));
  };

  const choices = useMemo(() => draftChoices(pickers, screen, declared), [pickers, screen, declared]);
  const draft = useMemo(() => settle(typed, choices, screen), [typed, choices, screen]);
  const context = useMemo(() => ({ accounts, budgetNames: budgets.map((b) => b.name) }), [accounts, budgets]);
  const snippet = useMemo(() => budgetSnippet(draft, context), [draft, context]);
  const invalid = (field: DraftField) => touched.has(field) && snippet.issues.some((i) => i.field === field);

  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => nameRef.current?.focus(), []);
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    onClose();
  };

  const setScope = (scope: BudgetScope) => change('scope', { scope });
  const chooseKind = (kind: BudgetScope['kind']) =>
    setScope(kind === 'all' ? { kind } : kind === 'service' ? { kind, service: '' } : { kind, key: '', value: '' });
  const { scope } = draft;
  const needLists = !pickers && scope.kind !== 'all';

  return (
    <section id={id} className="cost-draft" aria-labelledby={titleId} onKeyDown={onKey}>
      <header className="cost-draft-head">
        <h3 id={titleId} className="cost-draft-title">
          Draft a budget
        </h3>
        <p className="cost-draft-lead">
          Budgets live in <code>cockpit.yaml</code>, reviewed like code: fill this in, copy the line, paste it under{' '}
          <code>cost:</code> → <code>budgets:</code>. The cockpit never writes the file.
        </p>
        <button type="button" className="btn btn-ghost btn-xs" onClick={onClose}>
          Close
        </button>
      </header>

      <div className="cost-draft-body">
        <div className="form-grid cost-draft-form">
          <label htmlFor={ids.name}>Name</label>
          <input
            ref={nameRef}
            id={ids.name}
            className="input"
            value={draft.name}
            placeholder="e.g. Databases"
            aria-invalid={invalid('name')}
            onChange={(e) => change('name', { name: e.target.value })}
          />

          <label htmlFor={ids.amount}>Monthly</label>
          <div className="field-row">
            <input
              id={ids.amount}
              className="input cost-draft-amount num"
              inputMode="decimal"
              value={draft.amount}
              placeholder="250"
              aria-invalid={invalid('amount')}
              onChange={(e) => change('amount', { amount: e.target.value })}
            />
            <input
              id={ids.currency}
              className="input cost-draft-currency"
              aria-label="Currency"
              maxLength={3}
              value={draft.currency}
              onChange={(e) => change('amount', { currency: e.target.value.toUpperCase() })}
            />
            <span className="muted cost-draft-unit">per calendar month (UTC)</span>
          </div>

          {several ? (
            <>
              <label htmlFor={ids.account}>Account</label>
              <select
                id={ids.account}
                className="select"
                value={draft.account ?? ALL}
                onChange={(e) => change('account', { account: e.target.value === ALL ? null : e.target.value })}
              >
                <option value={ALL}>All accounts together</option>
                {accounts.map((a) => (
                  <option key={a.name} value={a.name}>
                    {a.name}
                  </option>
                ))}
              </select>
            </>
          ) : null}

          <span id={`${ids.service}-legend`}>Holds</span>
          <div className="cost-draft-scope">
            <div role="radiogroup" aria-labelledby={`${ids.service}-legend`} className="cost-draft-kinds">
              {(
                [
                  ['all', 'All spend'],
                  ['service', 'One service'],
                  ['tag', 'One tag value'],
                ] as const
              ).map(([kind, label]) => (
                <label key={kind} className="cost-draft-kind">
                  <input
                    type="radio"
                    name={`${id}-scope`}
                    checked={scope.kind === kind}
                    onChange={() => chooseKind(kind)}
                  />
                  {label}
                </label>
              ))}
            </div>
            {scope.kind === 'service' ? (
              <select
                id={ids.service}
                className="select cost-draft-wide"
                aria-label="Service"
                value={scope.service}
                aria-invalid={invalid('scope')}
                disabled={choices.services.length === 0}
                onChange={(e) => setScope({ kind: 'service', service: e.target.value })}
              >
                {choices.services.length === 0 ? <option value="">List the services first</option> : null}
                {choices.services.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            ) : null}
            {scope.kind === 'tag' ? (
              <span className="field-row cost-draft-tag">
                <select
                  id={ids.tag}
                  className="select"
                  aria-label="Tag key"
                  value={scope.key}
                  aria-invalid={invalid('scope')}
                  disabled={choices.tagKeys.length === 0}
                  onChange={(e) =>
                    setScope({ kind: 'tag', key: e.target.value, value: choices.tagValues[e.target.value]?.[0] ?? '' })
                  }
                >
                  {choices.tagKeys.length === 0 ? <option value="">List the tag keys first</option> : null}
                  {choices.tagKeys.map((k) => (
                    <option key={k} value={k}>
                      {k}
                    </option>
                  ))}
                </select>
                <span aria-hidden="true">=</span>
                <select
                  className="select"
                  aria-label="Tag value"
                  value={scope.value}
                  disabled={!scope.key}
                  onChange={(e) => setScope({ ...scope, value: e.target.value })}
                >
                  {(choices.tagValues[scope.key] ?? []).map((v) => (
                    <option key={v} value={v}>
                      {v}
                    </option>
                  ))}
                  <option value="">(untagged)</option>
                </select>
              </span>
            ) : null}
            {needLists ? <CostPickersButton label="List services and tags from AWS…" /> : null}
            <CostPickersError what="services and tags" />
          </div>

          <span id={`${ids.tag}-thresholds`}>Alerts</span>
          <BudgetThresholdsField
            labelledBy={`${ids.tag}-thresholds`}
            thresholds={draft.thresholds}
            currency={draft.currency.trim().toUpperCase() || 'USD'}
            invalid={invalid('thresholds')}
            onChange={(thresholds) => change('thresholds', { thresholds })}
          />
        </div>

        <BudgetDraftOutput draft={draft} snippet={snippet} screen={screen} shownAccount={shownAccount} />
      </div>
    </section>
  );
}
