/**
 * Deep links into the Cost screen: `#/cost/review` opens the monthly review (of `?month=2026-10`), and
 * `#/cost?split=tag:env&months=14` the chart split by a tag over 13 months + this one. Anything unreadable is
 * ignored, so a stale bookmark still opens the screen. Pure and unit-tested.
 */
import { type CostGroupBy } from '../../../shared/model/cost';
import { type CostTab } from '../../store/cost-slice';

export interface HashView {
  tab?: CostTab;
  groupBy?: CostGroupBy;
  months?: number;
  month?: string;
}

export function parseCostHash(hash: string): HashView {
  const match = /^#\/?cost(\/review)?\/?(?:\?(.*))?$/i.exec(hash.trim());
  if (!match) return {};
  const view: HashView = {};
  if (match[1]) view.tab = 'review';
  const params = new URLSearchParams(match[2] ?? '');
  const months = Number(params.get('months'));
  if (Number.isInteger(months) && months >= 1 && months <= 14) view.months = months;
  const split = params.get('split');
  if (split === 'service') view.groupBy = { kind: 'service' };
  else if (split?.startsWith('tag:') && split.length > 4) view.groupBy = { kind: 'tag', key: split.slice(4) };
  const month = params.get('month');
  if (month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month)) view.month = month;
  return view;
}

/** The address of a view, for replaceState: the reverse of parseCostHash (defaults left out). */
export function formatCostHash(view: {
  tab: CostTab;
  groupBy: CostGroupBy;
  months: number;
  month: string | null;
}): string {
  const params = new URLSearchParams();
  if (view.tab === 'review') {
    if (view.month) params.set('month', view.month);
  } else {
    if (view.groupBy.kind === 'tag') params.set('split', `tag:${view.groupBy.key}`);
    if (view.months !== 1) params.set('months', String(view.months));
  }
  const query = params.toString();
  return `#/cost${view.tab === 'review' ? '/review' : ''}${query ? `?${query.replace(/%3A/g, ':')}` : ''}`;
}
