import { afterEach, describe, expect, it } from 'vitest';
import { type BudgetStatus } from '../../shared/model/cost';
import { type WorkspaceState } from '../../shared/model/workspace-state';
import { type Workspace } from '../../shared/workspace';
import { HOUR, MIN, T0, useClockJournal } from '../timeline/testing/clock-journal';
import { BudgetAlertLog } from './budget-alerts';
import { costTimeline } from './timeline';

const clock = useClockJournal(afterEach);
const FILE = '/teams/shop/cockpit.yaml';

function status(
  actual: string,
  forecast: string,
  crossed: Array<[string, 'actual' | 'forecast', string]>,
): BudgetStatus {
  return {
    name: 'All of AWS',
    account: null,
    scope: 'all of AWS',
    month: '2026-12',
    budget: '400',
    currency: 'USD',
    actual,
    actualPercent: 0,
    forecast,
    forecastPercent: 0,
    thresholds: crossed.map(([label, kind, limit]) => ({ label, kind, limit, crossed: true })),
    state: 'at-risk',
    overrun: null,
  };
}

const state = (file: string): WorkspaceState => ({
  source: { kind: 'file', path: file },
  loadedFrom: { kind: 'file', path: file },
  // The source reads only the budgets of the workspace.
  workspace: { cost: { budgets: [{ name: 'All of AWS', monthly: { amount: '400', currency: 'USD' } }] } } as Workspace,
  issues: [],
  loadedAt: null,
  checkedAt: null,
});

describe('budget crossings on the timeline', () => {
  it('shows each threshold the first time it was crossed: which budget, how far, actual or forecast', async () => {
    const db = clock.journal().db;
    const log = new BudgetAlertLog(db, FILE);
    log.fire(
      [
        status('330', '450', [
          ['actual 80%', 'actual', '320'],
          ['forecast 100%', 'forecast', '400'],
        ]),
      ],
      new Date(T0 + 10 * MIN),
    );
    log.fire([status('410', '460', [['actual 100%', 'actual', '400']])], new Date(T0 + 50 * MIN));
    new BudgetAlertLog(db, '/another/cockpit.yaml').fire(
      [status('999', '999', [['actual 100%', 'actual', '400']])],
      new Date(T0 + 20 * MIN),
    );

    const source = costTimeline({ db, state: () => state(FILE) });
    const entries = await source({ from: T0, to: T0 + HOUR });
    expect(entries.map((e) => [e.title, e.tone, e.detail])).toEqual([
      ['All of AWS passed 80%', 'warn', 'actual spend 330.00 USD in 2026-12, over 320.00 USD'],
      [
        'All of AWS passed 100% (forecast)',
        'warn',
        "forecast 450.00 USD for the month's end in 2026-12, over 400.00 USD",
      ],
      ['All of AWS passed 100%', 'bad', 'actual spend 410.00 USD in 2026-12, over 400.00 USD'],
    ]);
    expect(entries[0]).toMatchObject({
      kind: 'budget',
      service: null,
      environment: null,
      link: { route: 'cost', id: null },
    });
    // A budget is about the account: a service's timeline has none.
    expect(await source({ from: T0, to: T0 + HOUR, service: 'checkout' })).toEqual([]);
  });
});
