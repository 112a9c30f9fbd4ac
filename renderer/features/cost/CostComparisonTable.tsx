/**
 * A period against the one before, one line per service or tag value: amounts right-aligned with tabular figures,
 * the change signed and tinted (up is spend, so "warn"; down is "ok"), "new" where nothing was spent before.
 */
import { type CostComparison } from '../../../shared/model/cost';
import { groupLabel, money, signedMoney, signedPercent } from './cost-format';

interface Props {
  caption: string;
  /** Shows the caption as the table's title (inside a card it is usually hidden: the card says it). */
  showCaption?: boolean;
  lines: readonly CostComparison[];
  currency: string;
  keyHeader: string;
  currentHeader: string;
  previousHeader: string;
  /** Shown instead of the table when there are no lines. */
  empty?: string;
  /** Leaves out the previous period's column (the change still says it), for side-by-side lists. */
  compact?: boolean;
}

function changeClass(delta: string): string {
  const n = Number(delta);
  if (n > 0.005) return 'cost-up';
  if (n < -0.005) return 'cost-down';
  return '';
}

export function CostComparisonTable(props: Props) {
  const { lines, currency } = props;
  if (lines.length === 0) return <p className="card-note">{props.empty ?? 'Nothing to compare.'}</p>;
  const compact = props.compact === true;
  return (
    <div className="table-wrap">
      <table className={compact ? 'table cost-table cost-compare is-compact' : 'table cost-table cost-compare'}>
        <caption className={props.showCaption ? 'table-caption' : 'sr-only'}>{props.caption}</caption>
        {/* Fixed widths: every comparison table on a screen lines its figures up in the same columns. */}
        <colgroup>
          <col />
          <col className="cost-col-amount" />
          {compact ? null : <col className="cost-col-amount" />}
          <col className="cost-col-amount" />
          <col className="cost-col-pct" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{props.keyHeader}</th>
            <th scope="col" className="col-num">
              {props.currentHeader}
            </th>
            {compact ? null : (
              <th scope="col" className="col-num">
                {props.previousHeader}
              </th>
            )}
            <th scope="col" className="col-num">
              Change
            </th>
            <th scope="col" className="col-num">
              %
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.key}>
              <th scope="row" className={line.key === '' ? 'muted' : undefined}>
                {groupLabel(line.key)}
              </th>
              <td className="col-num">{money(line.current, currency)}</td>
              {compact ? null : <td className="col-num muted">{money(line.previous, currency)}</td>}
              <td className={`col-num ${changeClass(line.delta)}`}>{signedMoney(line.delta, currency)}</td>
              <td className={`col-num ${changeClass(line.delta)}`}>
                {line.percent === null ? <span className="badge">new</span> : signedPercent(line.percent)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
