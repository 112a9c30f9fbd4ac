/** The Cost screen's declared setup: where spend is read from and each budget. Pure and unit-tested. */
import { type Workspace } from '../../../shared/workspace';
import { formatMoney } from '../../lib/format';

export interface CostSource {
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

export function costSource(ws: Workspace): CostSource | null {
  const aws = ws.cost?.aws;
  if (!aws) return null;
  const profile = aws.profile ?? null;
  const replay = aws.replay ?? null;
  const label = replay
    ? `Recorded Cost Explorer answers (${replay})`
    : profile
      ? `AWS profile "${profile}"`
      : 'The default AWS credential chain';
  return { label, profile, region: aws.region, replay };
}

export function budgetRows(ws: Workspace): BudgetRow[] {
  return (ws.cost?.budgets ?? []).map((b) => {
    const scope = [b.filter?.tag ? `tag ${b.filter.tag}` : '', b.filter?.service ? `service ${b.filter.service}` : '']
      .filter(Boolean)
      .join(', ');
    return {
      name: b.name,
      amount: formatMoney(b.monthly.amount, b.monthly.currency),
      scope: scope || 'all spend',
      thresholds: b.alerts.map((a) =>
        a.percent !== undefined
          ? `${a.kind} ${a.percent}%`
          : `${a.kind} ${formatMoney(a.amount, a.currency ?? b.monthly.currency)}`,
      ),
    };
  });
}
