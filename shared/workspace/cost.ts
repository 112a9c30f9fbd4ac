import { z } from 'zod';
import { money, percent } from './units';

/**
 * Cloud cost: which AWS account to read (by profile: the standard credential chain, never keys here) and the
 * budgets to hold it to. Thresholds follow AWS Budgets: ACTUAL or FORECASTED, as a % of the budget.
 */
export const budgetAlertSchema = z
  .string()
  .transform((text, ctx) => {
    const match = /^\s*(actual|forecast(?:ed)?)\s+(\d+(?:\.\d+)?)\s*%\s*$/i.exec(text);
    if (!match?.[1] || !match[2]) {
      ctx.addIssue({ code: 'custom', message: `expected "actual 80%" or "forecast 100%", got "${text}"` });
      return z.NEVER;
    }
    return { kind: match[1].toLowerCase().startsWith('actual') ? ('actual' as const) : ('forecast' as const), percent: Number(match[2]) };
  });

export const budgetSchema = z.strictObject({
  name: z.string().min(1),
  monthly: money,
  filter: z
    .strictObject({
      tag: z.string().regex(/^[^=]+=.*$/, 'expected key=value, such as env=production').optional(),
      service: z.string().optional(),
    })
    .optional(),
  alerts: z.array(budgetAlertSchema).default(['actual 80%', 'actual 100%', 'forecast 100%'].map((t) => {
    const [kind, pct] = t.split(' ');
    return { kind: kind === 'actual' ? ('actual' as const) : ('forecast' as const), percent: Number(pct?.replace('%', '')) };
  })),
  warnAt: percent.optional(),
});
export type BudgetConfig = z.output<typeof budgetSchema>;

export const costSchema = z.strictObject({
  aws: z
    .strictObject({
      profile: z.string().optional().describe('a named profile from ~/.aws/config (SSO works)'),
      region: z.string().default('us-east-1'),
      /** Recorded Cost Explorer answers to replay instead of calling AWS (the demo; offline review). */
      replay: z.string().optional(),
    })
    .optional(),
  /** Cost-allocation tag keys to offer in the tag view, e.g. [env, team]. */
  tags: z.array(z.string()).default([]),
  budgets: z.array(budgetSchema).default([]),
});
export type CostConfig = z.output<typeof costSchema>;
