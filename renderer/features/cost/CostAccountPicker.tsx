/**
 * Which AWS account the cost views show: all together (the default) or one of several. Rendered only when the
 * workspace declares more than one account; a labelled native select, so keyboards and screen readers need nothing
 * special. The card, the screen and the review share the choice.
 */
import { useId } from 'react';
import { useStore } from '../../store';
import { setCostAccount } from './actions';
import { selectCostAccount, selectCostAccounts } from './selectors';

const ALL = '';

export function CostAccountPicker() {
  const id = useId();
  const accounts = useStore(selectCostAccounts);
  const account = useStore(selectCostAccount);
  if (accounts.length < 2) return null;
  return (
    <div className="filter cost-account-picker cost-no-print">
      <label htmlFor={id} className="filter-label">
        Account
      </label>
      <select
        id={id}
        className="select"
        value={account ?? ALL}
        onChange={(e) => void setCostAccount(e.target.value === ALL ? null : e.target.value)}
      >
        <option value={ALL}>All accounts</option>
        {accounts.map((a) => (
          <option key={a.name} value={a.name}>
            {a.name}
          </option>
        ))}
      </select>
    </div>
  );
}
