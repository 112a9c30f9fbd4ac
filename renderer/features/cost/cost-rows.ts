/** The Cost screen's declared setup: where spend is read from and each budget. Pure and unit-tested. */
import { type Workspace } from '../../../shared/workspace';
import { formatMoney } from '../../lib/format';

export interface CostSource {
  /** The account's name ("default" for the single `aws:` form). */
  name: string;
  /** "AWS profile acme-billing", "Default AWS credentials", or "Recorded answers: cost/replay.json". */
  label: string;
  profile: string | null;
  region: string;
  replay: string | null;
}

export interface BudgetRow {
  name: string;
  amount: string;
  scope: string;
  thresholds: string[];
}

/** Every account the workspace reads cost from, in the order declared. */
export function costSources(ws: Workspace): CostSource[] {
  return (ws.cost?.accounts ?? []).map(({ name, aws }) => {
    const profile = aws.profile ?? null;
    const replay = aws.replay ?? null;
    const label = replay
      ? `Recorded Cost Explorer answers (${replay})`
      : profile
        ? `AWS profile "${profile}"`
        : 'The default AWS credential chain';
    return { name, label, profile, region: aws.region, replay };
  });
}

/** The first (in most workspaces the only) account. */
export function costSource(ws: Workspace): CostSource | null {
  return costSources(ws)[0] ?? null;
}

export function budgetRows(ws: Workspace): BudgetRow[] {
  return (ws.cost?.budgets ?? []).map((b) => {
    const scope = [b.filter?.tag ? `tag ${b.filter.tag}` : '', b.filter?.service ? `service ${b.filter.service}` : '']
      .filter(Boolean)
      .join(', ');
    return {
      name: b.name,
      amount: formatMoney(b.monthly.amount, b.monthly.currency),
      scope: `${scope || 'all spend'}${b.account ? ` in account ${b.account}` : ''}`,
      thresholds: b.alerts.map((a) =>
        a.percent !== undefined
          ? `${a.kind} ${a.percent}%`
          : `${a.kind} ${formatMoney(a.amount, a.currency ?? b.monthly.currency)}`,
      ),
    };
  });
}
