/**
 * Deep links into the Cost screen: `#/cost/review` opens the monthly review (of `?month=2026-10`), and
 * `#/cost?split=tag:env&months=14` the chart split by a tag over 13 months + this one; `service=…` (or, split by a
 * tag, `value=…`) shows one group alone. Anything unreadable is ignored, so a stale bookmark still opens the
 * screen. Pure and unit-tested.
 */
import { type CostGroupBy, UNTAGGED_LABEL } from '../../../shared/model/cost';
import { type CostTab } from '../../store/cost-slice';

export interface HashView {
  tab?: CostTab;
  groupBy?: CostGroupBy;
  months?: number;
  month?: string;
  /** The one group the chart shows (a service, or a tag value; "" is untagged). */
  filter?: string;
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
  const tagged = view.groupBy?.kind === 'tag';
  const filter = tagged ? params.get('value') : params.get('service');
  if (filter !== null && (filter !== '' || tagged)) view.filter = tagged && filter === UNTAGGED_LABEL ? '' : filter;
  return view;
}

/**
 * The whole view an address asks for, defaults filled in: an address the user edits by hand (`#/cost?months=3` →
 * `#/cost/review`) replaces what is shown rather than adding to it.
 */
export function fullCostView(hash: string): {
  tab: CostTab;
  groupBy: CostGroupBy;
  months: number;
  month: string | null;
  filter: string | null;
} {
  const view = parseCostHash(hash);
  return {
    tab: view.tab ?? 'daily',
    groupBy: view.groupBy ?? { kind: 'service' },
    months: view.months ?? 1,
    month: view.month ?? null,
    filter: view.filter ?? null,
  };
}

/** The address of a view, for replaceState: the reverse of parseCostHash (defaults left out). */
export function formatCostHash(view: {
  tab: CostTab;
  groupBy: CostGroupBy;
  months: number;
  month: string | null;
  filter?: string | null;
}): string {
  const params = new URLSearchParams();
  if (view.tab === 'review') {
    if (view.month) params.set('month', view.month);
  } else {
    if (view.groupBy.kind === 'tag') params.set('split', `tag:${view.groupBy.key}`);
    if (view.months !== 1) params.set('months', String(view.months));
    if (view.filter !== undefined && view.filter !== null) {
      if (view.groupBy.kind === 'tag') params.set('value', view.filter === '' ? UNTAGGED_LABEL : view.filter);
      else params.set('service', view.filter);
    }
  }
  const query = params.toString();
  return `#/cost${view.tab === 'review' ? '/review' : ''}${query ? `?${query.replace(/%3A/g, ':')}` : ''}`;
}
