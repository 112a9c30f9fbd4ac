/** A budget's state this month in one pill (on track, at risk, over), shared by the Overview card and the Cost screen. */
import { StatusPill, type Tone } from '../../components/StatusPill';
import { type BudgetState, type BudgetStatus } from '../../../shared/model/cost';

export const budgetTones: Record<BudgetState, Tone> = { ok: 'ok', 'at-risk': 'warn', over: 'bad', unknown: 'idle' };
export const budgetWords: Record<BudgetState, string> = {
  ok: 'on track',
  'at-risk': 'at risk',
  over: 'over budget',
  unknown: 'unknown',
};

export function BudgetStatePill({ budget }: { budget: BudgetStatus }) {
  const crossed = budget.thresholds.filter((t) => t.crossed).map((t) => t.label);
  return (
    <StatusPill
      tone={budgetTones[budget.state]}
      title={crossed.length ? `Crossed: ${crossed.join(', ')}` : 'No threshold crossed this month'}
    >
      {budgetWords[budget.state]}
    </StatusPill>
  );
}
