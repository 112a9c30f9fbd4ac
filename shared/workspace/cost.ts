import { z } from 'zod';
import { money } from './units';

/**
 * Cloud cost: which AWS accounts to read (by profile: the standard credential chain, never keys here) and the
 * budgets to hold them to. Thresholds follow AWS Budgets: ACTUAL or FORECASTED, as a % of the budget or an amount.
 * One account is `aws: {…}`; several are `accounts: [{ name, aws: {…} }, …]`. Either way the parsed section has
 * `accounts`, so the code behind it knows one shape.
 */

export const budgetAlertKinds = ['actual', 'forecast'] as const;
export type BudgetAlertKind = (typeof budgetAlertKinds)[number];

/** One threshold of a budget: a percentage of the budget (`percent`) or an absolute amount (`amount`), never both. */
export type BudgetThreshold =
  | { kind: BudgetAlertKind; percent: number; amount?: undefined }
  | { kind: BudgetAlertKind; amount: string; currency: string; percent?: undefined };

const thresholdPattern = /^\s*(actual|forecast(?:ed)?)\s+(?:(\d+(?:\.\d+)?)\s*%|(\d+(?:\.\d{1,4})?)\s*([A-Z]{3}))\s*$/i;

/**
 * Parses "actual 80%", "forecast 100%" or "actual 300 USD"; undefined when malformed. An absolute amount needs its
 * currency: "actual 80" could mean 80 % or 80 dollars, and guessing wrong would alert at the wrong time.
 */
export function parseBudgetThreshold(text: string): BudgetThreshold | undefined {
  const match = thresholdPattern.exec(text);
  if (!match?.[1]) return undefined;
  const kind: BudgetAlertKind = match[1].toLowerCase().startsWith('actual') ? 'actual' : 'forecast';
  if (match[2] !== undefined) {
    const percent = Number(match[2]);
    return percent > 0 && percent <= 1000 ? { kind, percent } : undefined;
  }
  if (match[3] === undefined || match[4] === undefined) return undefined;
  return { kind, amount: match[3], currency: match[4].toUpperCase() };
}

/** The file's notation for a threshold, for messages and forms. */
export function formatBudgetThreshold(threshold: BudgetThreshold): string {
  const value = threshold.percent !== undefined ? `${threshold.percent}%` : `${threshold.amount} ${threshold.currency}`;
  return `${threshold.kind} ${value}`;
}

export const budgetAlertSchema = z
  .string({ error: 'expected a threshold such as "actual 80%", "forecast 100%" or "actual 300 USD"' })
  .transform((text, ctx) => {
    const threshold = parseBudgetThreshold(text);
    if (!threshold) {
      ctx.addIssue({
        code: 'custom',
        message: `expected "actual 80%", "forecast 100%" or "actual 300 USD", got "${text}"`,
      });
      return z.NEVER;
    }
    return threshold;
  });

/** AWS Budgets' usual set: warn at 80 % of actual spend, and at 100 % actual and forecast. */
export const defaultBudgetAlerts: readonly BudgetThreshold[] = [
  { kind: 'actual', percent: 80 },
  { kind: 'actual', percent: 100 },
  { kind: 'forecast', percent: 100 },
];

export const budgetFilterSchema = z
  .strictObject({
    /** A cost-allocation tag as `key=value`; `key=` (empty value) is the spend without that tag. */
    tag: z
      .string()
      .regex(/^[^=\s][^=]*=.*$/, 'expected key=value, such as env=production (env= means untagged)')
      .optional(),
    /** A Cost Explorer SERVICE name, e.g. "Amazon Elastic Compute Cloud - Compute". */
    service: z.string().min(1).optional(),
  })
  .refine((filter) => filter.tag !== undefined || filter.service !== undefined, {
    error: 'expected a tag (key=value) or a service, or no filter at all',
  });
export type BudgetFilter = z.output<typeof budgetFilterSchema>;

export const budgetSchema = z
  .strictObject({
    name: z.string().min(1),
    /** The amount per calendar month (UTC, like Cost Explorer), e.g. "400 USD". */
    monthly: money,
    filter: budgetFilterSchema.optional(),
    /** The account (by name) whose spend the budget holds; default: all accounts together. */
    account: z.string().min(1).optional(),
    alerts: z.array(budgetAlertSchema).default(() => defaultBudgetAlerts.map((t) => ({ ...t }))),
  })
  .superRefine((budget, ctx) => {
    budget.alerts.forEach((threshold, index) => {
      if (threshold.amount !== undefined && threshold.currency !== budget.monthly.currency) {
        ctx.addIssue({
          code: 'custom',
          path: ['alerts', index],
          message: `the threshold is in ${threshold.currency} but the budget is in ${budget.monthly.currency}`,
        });
      }
    });
  });
export type BudgetConfig = z.output<typeof budgetSchema>;

export const awsCostSourceSchema = z.strictObject({
  profile: z.string().min(1).optional().describe('a named profile from ~/.aws/config (SSO works)'),
  /** Cost Explorer lives in us-east-1 whatever region the workloads run in. */
  region: z.string().default('us-east-1'),
  /**
   * A folder of sample Cost Explorer answers to replay instead of calling AWS (the demo; relative to this file).
   * Nothing is sent to AWS and nothing is billed.
   */
  replay: z.string().min(1).optional(),
});
export type AwsCostSource = z.output<typeof awsCostSourceSchema>;

/** The name of the one account declared with the single `aws:` form. */
export const DEFAULT_COST_ACCOUNT = 'default';

export const costAccountSchema = z.strictObject({
  /** How the screens, the review, budgets and `--account` name it. */
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected a short name of letters, digits, ".", "_" or "-", such as shop'),
  aws: awsCostSourceSchema.default({ region: 'us-east-1' }),
});
export type CostAccount = z.output<typeof costAccountSchema>;

/** What tells two accounts' data apart: the same credentials (or replay folder) twice would count spend twice. */
function sourceIdentity(aws: AwsCostSource): string {
  if (aws.replay) return `replay ${aws.replay}`;
  return aws.profile ? `profile ${aws.profile}` : 'the default credential chain';
}

export const costSchema = z
  .strictObject({
    /** One account. Kept for files written before `accounts:`; it is the account named "default". */
    aws: awsCostSourceSchema.optional(),
    /** Several accounts, each by name; spend is shown per account and in total. */
    accounts: z.array(costAccountSchema).min(1, 'expected at least one account').optional(),
    /** Cost-allocation tag keys to offer in the tag view and the review, e.g. [env, team]. */
    tags: z.array(z.string().min(1)).default([]),
    budgets: z.array(budgetSchema).default([]),
  })
  .superRefine((cost, ctx) => {
    if (cost.aws && cost.accounts) {
      ctx.addIssue({
        code: 'custom',
        path: ['accounts'],
        message: 'declare either `aws:` (one account) or `accounts:` (several), not both',
      });
    }
    const accounts = cost.accounts ?? [{ name: DEFAULT_COST_ACCOUNT, aws: cost.aws ?? { region: 'us-east-1' } }];
    const names = new Set<string>();
    const sources = new Map<string, string>();
    (cost.accounts ?? []).forEach((account, index) => {
      if (names.has(account.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['accounts', index, 'name'],
          message: `account "${account.name}" is declared twice`,
        });
      }
      names.add(account.name);
      const identity = sourceIdentity(account.aws);
      const first = sources.get(identity);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['accounts', index, 'aws'],
          message: `account "${account.name}" reads ${identity}, like account "${first}": its spend would be counted twice`,
        });
      } else sources.set(identity, account.name);
    });

    const declared = accounts.map((a) => a.name);
    const seen = new Set<string>();
    cost.budgets.forEach((budget, index) => {
      // Alert state is kept per budget name, so two budgets with one name would silence each other.
      if (seen.has(budget.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['budgets', index, 'name'],
          message: `budget "${budget.name}" is declared twice`,
        });
      }
      seen.add(budget.name);
      if (budget.account !== undefined && !declared.includes(budget.account)) {
        ctx.addIssue({
          code: 'custom',
          path: ['budgets', index, 'account'],
          message: `budget "${budget.name}" names account "${budget.account}", which is not declared (accounts: ${declared.join(', ')})`,
        });
      }
    });
  })
  .transform(({ aws, accounts, tags, budgets }) => ({
    accounts: accounts ?? [{ name: DEFAULT_COST_ACCOUNT, aws: aws ?? { region: 'us-east-1' } }],
    tags,
    budgets,
  }));
export type CostConfig = z.output<typeof costSchema>;
