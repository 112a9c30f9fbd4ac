/**
 * The Budgets card of the Cost screen: every budget this month, and "Draft a budget…", which opens a form below the
 * table that writes the YAML line for a new one (budgets live in cockpit.yaml, reviewed like code).
 */
import { useId, useRef, useState } from 'react';
import { Card } from '../../components/Card';
import { type BudgetStatus } from '../../../shared/model/cost';
import { CostBudgetDraft } from './CostBudgetDraft';
import { CostBudgetsTable } from './CostBudgetsTable';

interface Props {
  budgets: readonly BudgetStatus[];
  meta: string;
  /** Why this month's spend could not be read: the budgets show that instead of a zero. */
  unavailable?: string | null;
}

export function CostBudgetsCard({ budgets, meta, unavailable = null }: Props) {
  const [drafting, setDrafting] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const close = () => {
    setDrafting(false);
    toggle.current?.focus();
  };
  return (
    <Card
      title="Budgets"
      meta={meta}
      flush
      actions={
        <button
          ref={toggle}
          type="button"
          className={drafting ? 'btn btn-sm is-on' : 'btn btn-sm'}
          aria-expanded={drafting}
          aria-controls={drafting ? panelId : undefined}
          onClick={() => (drafting ? close() : setDrafting(true))}
        >
          Draft a budget…
        </button>
      }
    >
      <CostBudgetsTable budgets={budgets} unavailable={unavailable} />
      {drafting ? <CostBudgetDraft id={panelId} onClose={close} /> : null}
    </Card>
  );
}
