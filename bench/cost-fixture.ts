/**
 * Cost data at benchmark scale for the render figure (the lead's): 13 months + the current one, 40 services, daily,
 * produced by the real cost service over the replay of a generated 40-service account. Not a benchmark itself.
 */
import { Database } from '../electron/journal/sqlite';
import { type CostScreen } from '../shared/model/cost';
import { costSchema } from '../shared/workspace/cost';
import { createCostFeature } from '../electron/cost/create';
import { type ReplayAccount, parseReplayAccount } from '../electron/cost/replay/account';
import { createReplayHandler } from '../electron/cost/replay/handler';
import { createCostTables } from '../electron/cost/schema';

export function bigAccount(services = 40): ReplayAccount {
  return parseReplayAccount({
    seed: 'bench',
    accountId: '123456789012',
    monthlyGrowth: 0.02,
    services: Array.from({ length: services }, (_, i) => ({
      name: `Bench Service ${String(i + 1).padStart(2, '0')}`,
      daily: 40 / (i + 1),
      noise: 0.1,
      tags: { env: { production: 0.6, staging: 0.3 } },
    })),
  });
}

/** The Cost screen over 14 months of daily data by service, as the UI would receive it. */
export async function bigCostScreen(now = new Date(), services = 40): Promise<CostScreen> {
  const db = createCostTables(new Database(':memory:'));
  const cost = createCostFeature({
    config: costSchema.parse({ tags: ['env'], budgets: [{ name: 'All of AWS', monthly: '20000 USD' }] }),
    db,
    workspaceDir: '.',
    now: () => now,
    client: {
      credentials: { accessKeyId: 'BENCH', secretAccessKey: 'bench' },
      requestHandler: createReplayHandler(bigAccount(services), () => now),
      replayed: true,
    },
  });
  try {
    return await cost.service.screen({ months: 14 });
  } finally {
    cost.close();
    db.close();
  }
}
