/**
 * Asking Cost Explorer for the account's own lists (services, tag keys and their values) — only when the user
 * clicks, with what it costs written on the button as Force refresh does. While it runs the button says so; a
 * failure is shown where it was asked for (PickersError), and the button stays to try again.
 */
import { useStore } from '../../store';
import { loadCostPickers } from './actions';
import { pickersEstimateText } from './cost-format';
import {
  selectCostPickers,
  selectCostPickersError,
  selectCostPickersLoading,
  selectCostReplayed,
  selectCostTagKeys,
} from './selectors';

const explanation =
  'Lists the services and tag keys Cost Explorer has seen over the last three months: one request per list and ' +
  'one per tag key for its values, $0.01 each (replayed sample data is free). The answer is kept for 8 hours.';

interface Props {
  label: string;
  /** Called once the lists arrived, e.g. to move focus to the control that now offers them. */
  onLoaded?: () => void;
}

export function CostPickersButton({ label, onLoaded }: Props) {
  const loading = useStore(selectCostPickersLoading);
  const replayed = useStore(selectCostReplayed);
  const declared = useStore(selectCostTagKeys).length;
  const load = async () => {
    await loadCostPickers();
    if (selectCostPickers(useStore.getState())) onLoaded?.();
  };
  return (
    <button
      type="button"
      className="btn btn-sm cost-pickers-load"
      disabled={loading}
      aria-busy={loading}
      title={explanation}
      onClick={() => void load()}
    >
      <span>{loading ? 'Listing from AWS…' : label}</span>
      <span className="btn-note">{pickersEstimateText(declared, replayed)}</span>
    </button>
  );
}

/** Why the lists could not be read, in place; the button beside it tries again. */
export function CostPickersError({ what }: { what: string }) {
  const error = useStore(selectCostPickersError);
  if (!error) return null;
  return (
    <p className="cost-pickers-error" role="alert">
      <strong>Could not list {what} from AWS.</strong> {error}
    </p>
  );
}

/** Accounts that could not be listed while others could (several accounts): their keys are missing. */
export function CostPickersProblems() {
  const pickers = useStore(selectCostPickers);
  if (!pickers || pickers.problems.length === 0) return null;
  return (
    <p className="cost-pickers-error">
      {pickers.problems.map((p) => p.message).join(' ')} The lists show the other accounts'.
    </p>
  );
}
