import { Database } from '../journal/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { budgetSchema } from '../../shared/workspace/cost';
import { BudgetAlertLog } from './budget-alerts';
import { budgetAlertOutcome } from './budget-notify';
import { evaluateBudget, isOverBudget, worstBudget } from './budgets';
import { dec } from './money';
import { createCostTables } from './schema';

const allOfAws = budgetSchema.parse({ name: 'All of AWS', monthly: '400 USD' });
const production = budgetSchema.parse({
  name: 'Production',
  monthly: '250 USD',
  filter: { tag: 'env=production' },
  alerts: ['actual 50%', 'forecast 100%', 'actual 200 USD'],
});

const figures = (actual: string | undefined, forecast?: string, unit = 'USD') => ({
  actual: actual === undefined ? undefined : dec(actual),
  forecast: forecast === undefined ? undefined : dec(forecast),
  unit,
});

describe('budget evaluation', () => {
  it('uses the AWS Budgets defaults: actual 80 %, actual 100 %, forecast 100 %', () => {
    const status = evaluateBudget(allOfAws, '2026-11', figures('319.99', '399.99'));
    expect(status.thresholds.map((t) => [t.label, t.limit, t.crossed])).toEqual([
      ['actual 80%', '320', false],
      ['actual 100%', '400', false],
      ['forecast 100%', '400', false],
    ]);
    expect(status).toMatchObject({ state: 'ok', actualPercent: 80, forecastPercent: 100, scope: 'all of AWS' });
  });

  it('is at risk from the first crossed threshold, over from 100 % actual', () => {
    expect(evaluateBudget(allOfAws, '2026-11', figures('320', '350')).state).toBe('at-risk');
    expect(evaluateBudget(allOfAws, '2026-11', figures('100', '400')).state).toBe('at-risk');
    expect(evaluateBudget(allOfAws, '2026-11', figures('400', '410')).state).toBe('over');
  });

  it('takes absolute thresholds and filters', () => {
    const status = evaluateBudget(production, '2026-11', figures('200', '240'));
    expect(status.scope).toBe('env=production');
    expect(status.thresholds.map((t) => [t.label, t.limit, t.crossed])).toEqual([
      ['actual 50%', '125', true],
      ['forecast 100%', '250', false],
      ['actual 200 USD', '200', true],
    ]);
  });

  it('is unknown without figures or in another currency', () => {
    expect(evaluateBudget(allOfAws, '2026-11', figures(undefined)).state).toBe('unknown');
    const eur = evaluateBudget(allOfAws, '2026-11', figures('999', '999', 'EUR'));
    expect(eur.state).toBe('unknown');
    expect(eur.thresholds.every((t) => !t.crossed)).toBe(true);
  });

  it('counts spend at exactly the budget as over, in the live view and the review alike', () => {
    expect(isOverBudget(dec('400'), dec('400.00'))).toBe(true);
    expect(isOverBudget(dec('399.9999999999'), dec('400'))).toBe(false);
    expect(evaluateBudget(allOfAws, '2026-11', figures('400.0000', '400')).state).toBe('over');
  });

  it('picks the worst budget', () => {
    const ok = evaluateBudget(allOfAws, '2026-11', figures('10', '20'));
    const atRisk = evaluateBudget(production, '2026-11', figures('130', '200'));
    const unknown = evaluateBudget(allOfAws, '2026-11', figures(undefined));
    expect(worstBudget([ok, unknown, atRisk])?.name).toBe('Production');
    expect(worstBudget([ok, unknown])?.state).toBe('unknown');
    expect(worstBudget([])).toBeNull();
  });
});

describe('budget alerts fire once per threshold per month', () => {
  let db: Database;
  let log: BudgetAlertLog;
  beforeEach(() => {
    db = createCostTables(new Database(':memory:'));
    log = new BudgetAlertLog(db, '/infra/cockpit.yaml');
  });
  afterEach(() => db.close());

  it('notifies on the first crossing only, and again next month', () => {
    const at = new Date('2026-11-20T10:00:00Z');
    const first = log.fire([evaluateBudget(allOfAws, '2026-11', figures('330', '390'))], at);
    expect(first.map((a) => a.label)).toEqual(['actual 80%']);
    expect(first[0]?.message).toBe(
      'Budget "All of AWS" (all of AWS): actual spend 330.00 USD in 2026-11 crossed 80% — 320.00 USD of 400.00 USD.',
    );

    // Later the same month: 80 % is still crossed (quiet), the forecast now crosses 100 % (notifies).
    const second = log.fire([evaluateBudget(allOfAws, '2026-11', figures('340', '420'))], at);
    expect(second.map((a) => [a.kind, a.label, a.amount])).toEqual([['forecast', 'forecast 100%', '420']]);
    expect(second[0]?.message).toMatch(/forecast spend 420.00 USD for the end of 2026-11 crossed 100%/);

    // Dipping below and crossing again in the same month stays quiet.
    log.fire([evaluateBudget(allOfAws, '2026-11', figures('300', '380'))], at);
    expect(log.fire([evaluateBudget(allOfAws, '2026-11', figures('335', '425'))], at)).toEqual([]);

    // A new month starts afresh.
    const december = log.fire(
      [evaluateBudget(allOfAws, '2026-12', figures('330', '420'))],
      new Date('2026-12-25T00:00:00Z'),
    );
    expect(december.map((a) => a.label)).toEqual(['actual 80%', 'forecast 100%']);
  });

  it('survives a restart: the state is in the database', () => {
    const status = evaluateBudget(allOfAws, '2026-11', figures('401', '420'));
    expect(log.fire([status], new Date())).toHaveLength(3);
    expect(new BudgetAlertLog(db, '/infra/cockpit.yaml').fire([status], new Date())).toEqual([]);
    expect(log.firedIn('2026-11')).toEqual(
      new Set(['All of AWS|actual 80%', 'All of AWS|actual 100%', 'All of AWS|forecast 100%']),
    );
  });

  it('keeps the state per workspace file: a budget of the same name elsewhere still alerts once', () => {
    const status = evaluateBudget(allOfAws, '2026-11', figures('330', '390'));
    const other = new BudgetAlertLog(db, '/other-team/cockpit.yaml');
    expect(log.fire([status], new Date()).map((a) => a.label)).toEqual(['actual 80%']);
    expect(other.fire([status], new Date()).map((a) => a.label)).toEqual(['actual 80%']);
    expect(log.fire([status], new Date())).toEqual([]);
    expect(other.fire([status], new Date())).toEqual([]);
  });

  it('keeps the state per account: the same budget name for two accounts alerts for each', () => {
    const shop = budgetSchema.parse({ name: 'Team', monthly: '100 USD', account: 'shop' });
    const data = budgetSchema.parse({ name: 'Team', monthly: '100 USD', account: 'data' });
    const fired = log.fire(
      [evaluateBudget(shop, '2026-11', figures('90')), evaluateBudget(data, '2026-11', figures('90'))],
      new Date(),
    );
    expect(fired.map((a) => [a.account, a.label])).toEqual([
      ['shop', 'actual 80%'],
      ['data', 'actual 80%'],
    ]);
    expect(fired[0]?.message).toMatch(/\(all of AWS in account shop\)/);
  });

  it('an alert fired before the upgrade (no workspace recorded) is not fired again that month', () => {
    db.prepare(
      `INSERT INTO cost_budget_alerts (workspace, account, budget, month, threshold, kind, amount, lim, fired_at)
       VALUES ('', '', 'All of AWS', '2026-11', 'actual 80%', 'actual', '330', '320', '2026-11-19T00:00:00.000Z')`,
    ).run();
    const fired = log.fire([evaluateBudget(allOfAws, '2026-11', figures('401', '420'))], new Date());
    expect(fired.map((a) => a.label)).toEqual(['actual 100%', 'forecast 100%']);
  });

  it('never fires on unknown figures', () => {
    expect(log.fire([evaluateBudget(allOfAws, '2026-11', figures(undefined))], new Date())).toEqual([]);
  });
});

describe('the worst budget is the one that ends the month furthest above it, in money', () => {
  it('states the overrun by the larger of actual and forecast, and none within the budget', () => {
    expect(evaluateBudget(allOfAws, '2026-11', figures('300', '460.5')).overrun).toBe('60.5');
    expect(evaluateBudget(allOfAws, '2026-11', figures('420', '410')).overrun).toBe('20');
    expect(evaluateBudget(allOfAws, '2026-11', figures('100', '399')).overrun).toBeNull();
    expect(evaluateBudget(allOfAws, '2026-11', figures(undefined, '999')).overrun).toBeNull();
  });

  it('prefers the larger overrun over the larger share spent so far', () => {
    // Production has spent 96 % of 250 and will end 10 over; All of AWS has spent 60 % of 400 and will end 80 over.
    const production95 = evaluateBudget(production, '2026-11', figures('240', '260'));
    const allOver = evaluateBudget(allOfAws, '2026-11', figures('240', '480'));
    expect(production95.actualPercent).toBeGreaterThan(allOver.actualPercent);
    expect(worstBudget([production95, allOver])?.name).toBe('All of AWS');
    expect(worstBudget([production95, allOver])?.overrun).toBe('80');
  });

  it('without an overrun, takes the larger forecast share', () => {
    const a = evaluateBudget(allOfAws, '2026-11', figures('100', '300'));
    const b = evaluateBudget(allOfAws, '2026-11', figures('200', '250'));
    expect(worstBudget([b, a])?.forecast).toBe('300');
  });
});

describe('a budget alert says what it means in Activity', () => {
  const alert = (kind: 'actual' | 'forecast', limit: string) => ({
    budget: 'All of AWS',
    account: null,
    month: '2026-11',
    kind,
    label: `${kind} x`,
    amount: '500',
    limit,
    budgetAmount: '400',
    currency: 'USD',
    message: '',
    firedAt: '2026-11-20T10:00:00.000Z',
  });

  it('over budget is bad; early warnings and forecasts are warnings with their share', () => {
    expect(budgetAlertOutcome(alert('actual', '400'))).toEqual({ word: 'over budget', tone: 'bad' });
    expect(budgetAlertOutcome(alert('actual', '320'))).toEqual({ word: 'at 80 %', tone: 'warn' });
    expect(budgetAlertOutcome(alert('forecast', '400'))).toEqual({ word: 'forecast over budget', tone: 'warn' });
    expect(budgetAlertOutcome(alert('forecast', '360'))).toEqual({ word: 'forecast at 90 %', tone: 'warn' });
  });
});
