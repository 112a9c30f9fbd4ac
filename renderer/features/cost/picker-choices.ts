/**
 * What the Split-by select and the budget draft can offer: the workspace's declared tag keys, Cost Explorer's own
 * lists once the user has loaded them (cost.pickers), and what the chart on screen already shows, which costs
 * nothing. Pure and unit-tested.
 */
import { type CostGroupBy, type CostPickers, type CostScreen } from '../../../shared/model/cost';

const byName = (a: string, b: string) => a.localeCompare(b);

/**
 * The tag keys for Split by beyond the declared ones: the account's other keys once listed, and the key shown now
 * if a link asked for one that is neither (so the select always names what the chart shows).
 */
export function otherTagKeys(pickers: CostPickers | null, declared: readonly string[], groupBy: CostGroupBy): string[] {
  const keys = new Set(pickers?.tagKeys ?? []);
  if (groupBy.kind === 'tag') keys.add(groupBy.key);
  for (const key of declared) keys.delete(key);
  return [...keys].sort(byName);
}

export interface DraftChoices {
  services: string[];
  /** Declared keys first, in the file's order, then the account's others. */
  tagKeys: string[];
  /** Values per key, the untagged "" left out (the form offers it for every key). */
  tagValues: Record<string, string[]>;
}

/** The choices of the budget draft: Cost Explorer's lists when loaded, plus the groups the chart shows. */
export function draftChoices(
  pickers: CostPickers | null,
  screen: CostScreen | null,
  declared: readonly string[],
): DraftChoices {
  const groupBy = screen?.series.groupBy;
  const shown = (screen?.series.keys ?? []).filter((k) => k !== '');
  const services = new Set([...(pickers?.services ?? []), ...(groupBy?.kind === 'service' ? shown : [])]);
  const tagKeys = [...declared, ...otherTagKeys(pickers, declared, { kind: 'service' })];
  const tagValues: Record<string, string[]> = {};
  for (const key of tagKeys) {
    const values = new Set([
      ...(pickers?.tagValues[key] ?? []),
      ...(groupBy?.kind === 'tag' && groupBy.key === key ? shown : []),
    ]);
    values.delete('');
    tagValues[key] = [...values].sort(byName);
  }
  return { services: [...services].sort(byName), tagKeys, tagValues };
}

/**
 * The service a new budget most likely wants: the largest spender the chart shows (its keys come largest first),
 * else the first one offered. Never the alphabetically first by accident.
 */
export function defaultService(choices: DraftChoices, screen: CostScreen | null): string | undefined {
  const largest =
    screen?.series.groupBy.kind === 'service'
      ? screen.series.keys.find((k) => k !== '' && choices.services.includes(k))
      : undefined;
  return largest ?? choices.services[0];
}
