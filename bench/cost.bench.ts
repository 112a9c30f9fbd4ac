/**
 * Cost Explorer requests (each page one, $0.01 each on a real account) for a cold and a warm monthly review, and
 * for the Cost screen, over the demo's replayed account through the real SDK and the SQLite cache. Replay answers
 * are paged like AWS's, so the counts are what a real account of that shape would be billed. Also times them, and
 * the build of 14 months × 40 services of daily data the render figure uses.
 */
import { fileURLToPath } from 'node:url';
import { Database } from '../electron/journal/sqlite';
import { costSchema } from '../shared/workspace/cost';
import { createCostFeature } from '../electron/cost/create';
import { bigCostScreen } from './cost-fixture';
import { createCostTables } from '../electron/cost/schema';

// As bin/cockpit.js does: the SDK's "Node 20 support ends" notice would drown the figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const demoDir = fileURLToPath(new URL('../resources/demo', import.meta.url));
// Mid-month of the current month: on the first days of a month AWS still estimates last month, so its review would
// not be closed yet and the warm figure would depend on the day the bench runs.
const today = new Date();
const now = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 15, 12));
const config = costSchema.parse({
  aws: { replay: './cost-samples' },
  tags: ['env', 'team'],
  budgets: [
    { name: 'All of AWS', monthly: '400 USD' },
    { name: 'Production', filter: { tag: 'env=production' }, monthly: '250 USD' },
  ],
});

async function measure<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

const month = now.toISOString().slice(0, 7);
const db = createCostTables(new Database(':memory:'));
let cost = createCostFeature({ config, db, workspaceDir: demoDir, now: () => now });
const requests = () => cost.cache.apiSpend(month).requests;

let before = requests();
const cold = await measure(() => cost.review());
const coldRequests = requests() - before;
before = requests();
const warm = await measure(() => cost.review({ force: true }));
const warmRequests = requests() - before;
console.log(
  `monthly review (${cold.value.month}; tags env, team; 2 budgets): cold ${coldRequests} Cost Explorer requests ($${(coldRequests * 0.01).toFixed(2)}) in ${cold.ms.toFixed(0)} ms; ` +
    `warm ${warmRequests} requests in ${warm.ms.toFixed(1)} ms (even with force: both months are closed)`,
);

cost.close();
db.exec('DELETE FROM cost_cache; DELETE FROM cost_requests;');
cost = createCostFeature({ config, db, workspaceDir: demoDir, now: () => now });
before = requests();
const screenCold = await measure(() => cost.service.screen());
const screenColdRequests = requests() - before;
before = requests();
const screenWarm = await measure(() => cost.service.screen());
console.log(
  `Cost screen (this month by service, movers, untagged, 2 budgets with forecasts): cold ${screenColdRequests} requests in ${screenCold.ms.toFixed(0)} ms; ` +
    `warm ${requests() - before} requests in ${screenWarm.ms.toFixed(1)} ms`,
);
cost.close();
db.close();

const big = await measure(() => bigCostScreen(now, 40));
console.log(
  `Cost screen data, 14 months × 40 services daily (${big.value.series.days.length} days × ${big.value.series.keys.length} keys): built in ${big.ms.toFixed(0)} ms (cold, replayed)`,
);
