/**
 * Cloud cost as the UI, the CLI and the exports see it. Money is a decimal string everywhere ("123.4567"): the
 * Node side sums in exact decimals and the UI only formats. Days and months are UTC calendar days, as Cost
 * Explorer counts them, so "today" may differ from the user's wall clock near midnight.
 */
import { z } from 'zod';
import { deployMarkerSchema } from './markers';

/** An exact decimal amount, e.g. "40.3543773134" or "-3.5". */
export const amountSchema = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal amount');
export type Amount = z.infer<typeof amountSchema>;

/** A UTC calendar day, YYYY-MM-DD. */
export const isoDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A UTC calendar month, YYYY-MM. */
export const isoMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month such as 2026-10');

export const costProblemKinds = [
  'credentials', // missing, expired or invalid credentials / SSO session
  'access-denied', // credentials fine, but no ce:* permission
  'not-enabled', // DataUnavailableException: Cost Explorer just enabled, or not enough history
  'throttled', // LimitExceededException after the retries
  'bill-expired', // BillExpirationException
  'page-token', // InvalidNextTokenException / RequestChangedException after a restart
  'invalid-request',
  'network', // no network, DNS, refused, timed out
  'unknown',
] as const;
export type CostProblemKind = (typeof costProblemKinds)[number];

/** Why cost data could not be fetched, and what the user can do about it. Cached data stays shown. */
export const costProblemSchema = z.object({
  kind: z.enum(costProblemKinds),
  message: z.string(),
  /** What to do, in a sentence. */
  hint: z.string(),
  /** The account it concerns, when the workspace declares several (the others' figures stay shown). */
  account: z.string().optional(),
});
export type CostProblem = z.infer<typeof costProblemSchema>;

/** How the figures were split: by AWS service, or by the values of one cost-allocation tag. */
export const costGroupBySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('service') }),
  z.object({ kind: z.literal('tag'), key: z.string().min(1) }),
]);
export type CostGroupBy = z.infer<typeof costGroupBySchema>;

/** How old the data behind a view is, and whether it came from the cache or a failed refresh left it behind. */
export const costFreshnessSchema = z.object({
  /** When the oldest answer used was fetched from AWS; null when nothing is known. */
  fetchedAt: z.string().nullable(),
  fromCache: z.boolean(),
  /** True when a refresh failed and older cached data is shown instead. */
  stale: z.boolean(),
  /** The demo / offline replay: sample data, nothing sent to AWS. */
  replay: z.boolean(),
});
export type CostFreshness = z.infer<typeof costFreshnessSchema>;

/** One account's share of the API spend. */
export const accountApiSpendSchema = z.object({
  account: z.string(),
  requests: z.number().int().nonnegative(),
  cost: amountSchema,
  replayed: z.number().int().nonnegative(),
});
export type AccountApiSpend = z.infer<typeof accountApiSpendSchema>;

/** What the cockpit itself spent on Cost Explorer: $0.01 per request, each page of an answer counted. */
export const apiSpendSchema = z.object({
  month: isoMonthSchema,
  requests: z.number().int().nonnegative(),
  cost: amountSchema,
  /** Replayed requests are counted but cost nothing. */
  replayed: z.number().int().nonnegative(),
  /** Per account of the workspace, when it declares several (the total above counts them all). */
  accounts: z.array(accountApiSpendSchema).optional(),
});
export type ApiSpend = z.infer<typeof apiSpendSchema>;

export const costDaySchema = z.object({
  date: isoDaySchema,
  /** AWS marks recent days as estimates: they may still change. */
  estimated: z.boolean(),
  total: amountSchema,
  /** Amount per group key (service name, or tag value; "" is untagged). Groups with no spend are absent. */
  values: z.record(z.string(), amountSchema),
});
export type CostDay = z.infer<typeof costDaySchema>;

export const costSeriesSchema = z.object({
  groupBy: costGroupBySchema,
  currency: z.string(),
  /** First day and the day after the last (exclusive, like Cost Explorer). */
  from: isoDaySchema,
  to: isoDaySchema,
  /** Group keys, largest total first. */
  keys: z.array(z.string()),
  totals: z.record(z.string(), amountSchema),
  total: amountSchema,
  days: z.array(costDaySchema),
});
export type CostSeries = z.infer<typeof costSeriesSchema>;

/** One line of a comparison: this period against the one before. */
export const costComparisonSchema = z.object({
  key: z.string(),
  current: amountSchema,
  previous: amountSchema,
  delta: amountSchema,
  /** Change in %, one decimal; null when the previous amount was zero (new spend). */
  percent: z.number().nullable(),
});
export type CostComparison = z.infer<typeof costComparisonSchema>;

/** Spend without a value for a cost-allocation tag (the `key$` group). */
export const untaggedSpendSchema = z.object({
  tagKey: z.string(),
  amount: amountSchema,
  total: amountSchema,
  /** 0..1; 0 when there was no spend at all. */
  share: z.number(),
});
export type UntaggedSpend = z.infer<typeof untaggedSpendSchema>;

export const forecastSchema = z.object({
  /** The forecast window: today (UTC) to the first of next month (exclusive). */
  from: isoDaySchema,
  to: isoDaySchema,
  /** Forecast spend of the remaining days, with its prediction interval. */
  remaining: z.object({ mean: amountSchema, low: amountSchema, high: amountSchema }),
  /** Spend until yesterday plus the forecast of the remaining days. */
  monthEnd: z.object({ mean: amountSchema, low: amountSchema, high: amountSchema }),
});
export type Forecast = z.infer<typeof forecastSchema>;

export const budgetStates = ['ok', 'at-risk', 'over', 'unknown'] as const;
export type BudgetState = (typeof budgetStates)[number];

export const budgetThresholdStatusSchema = z.object({
  kind: z.enum(['actual', 'forecast']),
  /** As written in the file, e.g. "actual 80%". */
  label: z.string(),
  /** The amount at which it fires. */
  limit: amountSchema,
  crossed: z.boolean(),
});
export type BudgetThresholdStatus = z.infer<typeof budgetThresholdStatusSchema>;

export const budgetStatusSchema = z.object({
  name: z.string(),
  /** The account the budget holds; null: all accounts together. */
  account: z.string().nullable(),
  /** "all of AWS", "env=production", "service Amazon …". */
  scope: z.string(),
  month: isoMonthSchema,
  budget: amountSchema,
  currency: z.string(),
  actual: amountSchema,
  /** Actual as % of the budget, one decimal. */
  actualPercent: z.number(),
  forecast: amountSchema.nullable(),
  forecastPercent: z.number().nullable(),
  thresholds: z.array(budgetThresholdStatusSchema),
  /** over: actual ≥ budget; at-risk: any threshold crossed; unknown: no data. */
  state: z.enum(budgetStates),
  /**
   * How much the month will end above the budget, in money: max(actual, forecast) − budget when positive, else null.
   * The Overview's "worst budget" is the one with the largest overrun (then the largest forecast share).
   */
  overrun: amountSchema.nullable(),
});
export type BudgetStatus = z.infer<typeof budgetStatusSchema>;

/** A budget threshold crossed for the first time in its month: notify once, then stay quiet until next month. */
export const budgetAlertSchema = z.object({
  budget: z.string(),
  /** The budget's account; null: all accounts. */
  account: z.string().nullable(),
  month: isoMonthSchema,
  kind: z.enum(['actual', 'forecast']),
  label: z.string(),
  /** The actual or forecast amount that crossed it. */
  amount: amountSchema,
  limit: amountSchema,
  budgetAmount: amountSchema,
  currency: z.string(),
  /** One sentence for the notification. */
  message: z.string(),
  firedAt: z.string(),
});
export type BudgetAlert = z.infer<typeof budgetAlertSchema>;

/**
 * A run of days on which one series (a service, or one value of a tag key) spent far above its own trailing
 * baseline: computed locally from cached daily figures, never with an extra request to AWS.
 */
export const costAnomalySchema = z.object({
  /** Stable: `${groupBy kind}:${tag key or ''}:${key}:${from}`, so an anomaly is alerted once. */
  id: z.string(),
  groupBy: costGroupBySchema,
  /** The service name, or the tag value ("" is untagged). */
  key: z.string(),
  /** First and last flagged day (inclusive). */
  from: isoDaySchema,
  to: isoDaySchema,
  /** Spend of the series over the flagged days. */
  amount: amountSchema,
  /** What the baseline says the same days should have cost. */
  expected: amountSchema,
  /** amount − expected. */
  excess: amountSchema,
  /** The usual daily spend (trailing baseline). */
  baselineDaily: amountSchema,
  /** The worst day's spend ÷ the baseline, one decimal (9.1 = 9.1×). */
  ratio: z.number(),
  currency: z.string(),
  /** True while the last flagged day is today or yesterday (still running). */
  ongoing: z.boolean(),
  /** One sentence naming the cause: "Amazon EC2 spent $812.40 from 3 to 9 Nov, 9.1× its usual $12.90 a day." */
  message: z.string(),
});
export type CostAnomaly = z.infer<typeof costAnomalySchema>;

/** The day a budget threshold was crossed: by the actual spend (computed from daily figures) or by the forecast. */
export const thresholdCrossingSchema = z.object({
  budget: z.string(),
  kind: z.enum(['actual', 'forecast']),
  /** As written, e.g. "forecast 100%". */
  label: z.string(),
  limit: amountSchema,
  date: isoDaySchema,
});
export type ThresholdCrossing = z.infer<typeof thresholdCrossingSchema>;

/** One account's month to date, beside the total of several. */
export const accountTotalSchema = z.object({
  account: z.string(),
  /** null when the account could not be read (its problem is in `problems`). */
  amount: amountSchema.nullable(),
});
export type AccountTotal = z.infer<typeof accountTotalSchema>;

/** The Overview card. */
export const costOverviewSchema = z.object({
  /** The workspace's accounts by name (a picker is offered when there are several). */
  accounts: z.array(z.string()),
  /** The account shown; null: all accounts together. */
  account: z.string().nullable(),
  /** Each account's month to date when all of several are shown; empty otherwise. */
  byAccount: z.array(accountTotalSchema),
  month: isoMonthSchema,
  /** Today in UTC, the day Cost Explorer counts in. */
  today: isoDaySchema,
  daysLeft: z.number().int(),
  daysInMonth: z.number().int(),
  currency: z.string(),
  /** Spend this month so far, today's partial day included; null when it could not be read. */
  monthToDate: amountSchema.nullable(),
  /** The budget without a filter (all of AWS), when one is declared. */
  totalBudget: budgetStatusSchema.nullable(),
  forecast: forecastSchema.nullable(),
  worstBudget: budgetStatusSchema.nullable(),
  freshness: costFreshnessSchema,
  apiSpend: apiSpendSchema,
  problems: z.array(costProblemSchema),
});
export type CostOverview = z.infer<typeof costOverviewSchema>;

/**
 * What pressing "Force refresh" on a view would send to Cost Explorer: every request behind the view that is not a
 * closed month (those never change and stay cached), each page counted, as last seen.
 */
export const refreshEstimateSchema = z.object({
  requests: z.number().int().nonnegative(),
  /** $0.01 per request; "0" for the replayed demo. */
  cost: amountSchema,
  replayed: z.boolean(),
});
export type RefreshEstimate = z.infer<typeof refreshEstimateSchema>;

/** The Cost screen. */
export const costScreenSchema = z.object({
  overview: costOverviewSchema,
  series: costSeriesSchema,
  /** Month to date against the same days of last month, biggest absolute change first. */
  movers: z.array(costComparisonSchema),
  untagged: z.array(untaggedSpendSchema),
  budgets: z.array(budgetStatusSchema),
  /** Deploys and rollbacks within the chart's period, for markers ("did spend jump after that deploy?"). */
  markers: z.array(deployMarkerSchema),
  forceRefresh: refreshEstimateSchema,
  /** Anomalies of the chart's series within its period (same groupBy), worst excess first. */
  anomalies: z.array(costAnomalySchema),
});
export type CostScreen = z.infer<typeof costScreenSchema>;

export const reviewBudgetSchema = z.object({
  name: z.string(),
  scope: z.string(),
  budget: amountSchema,
  actual: amountSchema,
  actualPercent: z.number(),
  outcome: z.enum(['under', 'over']),
  /** ACTUAL thresholds the month crossed, as written ("actual 80%"). */
  crossed: z.array(z.string()),
  /** actual − budget when over, in money; null when under. */
  overrun: amountSchema.nullable(),
});
export type ReviewBudget = z.infer<typeof reviewBudgetSchema>;

export const costReviewSchema = z.object({
  /** The workspace's accounts by name. */
  accounts: z.array(z.string()),
  /** The account reviewed; null: all accounts together. */
  account: z.string().nullable(),
  /** Each account's subtotal (this month against the one before) when all of several are reviewed; else empty. */
  byAccount: z.array(z.object({ account: z.string(), total: costComparisonSchema })),
  /** Accounts that could not be read: the review covers the others. */
  problems: z.array(costProblemSchema),
  month: isoMonthSchema,
  previousMonth: isoMonthSchema,
  currency: z.string(),
  total: costComparisonSchema,
  byService: z.array(costComparisonSchema),
  byTag: z.array(z.object({ tagKey: z.string(), lines: z.array(costComparisonSchema) })),
  topIncreases: z.array(costComparisonSchema),
  topDecreases: z.array(costComparisonSchema),
  budgets: z.array(reviewBudgetSchema),
  untagged: z.array(untaggedSpendSchema),
  /** The month's daily spend by service (the review's daily chart). */
  daily: costSeriesSchema,
  /** Anomalies whose days fall in the month, by service (and by each declared tag key), worst excess first. */
  anomalies: z.array(costAnomalySchema),
  /** When each budget threshold was crossed in the month, actual and forecast, oldest first. */
  crossings: z.array(thresholdCrossingSchema),
  /** What the cockpit spent on Cost Explorer requests during the reviewed month. */
  apiSpend: apiSpendSchema,
  /** True when AWS still marks some days of the month as estimated. */
  estimated: z.boolean(),
  generatedAt: z.string(),
  freshness: costFreshnessSchema,
});
export type CostReview = z.infer<typeof costReviewSchema>;

/** What budget forms and the tag switch can offer, from Cost Explorer's own lists. */
export const costPickersSchema = z.object({
  services: z.array(z.string()),
  tagKeys: z.array(z.string()),
  /** Values per tag key (the untagged "" left out). */
  tagValues: z.record(z.string(), z.array(z.string())),
  problems: z.array(costProblemSchema),
});
export type CostPickers = z.infer<typeof costPickersSchema>;

export const costExportFormats = ['csv', 'md'] as const;
export type CostExportFormat = (typeof costExportFormats)[number];

/** A review rendered as a file for the user to save: the UI downloads it, the CLI prints or writes it. */
export const costExportSchema = z.object({
  /** e.g. "aws-cost-review-2026-10.csv". */
  filename: z.string(),
  mime: z.string(),
  content: z.string(),
});
export type CostExport = z.infer<typeof costExportSchema>;

/** Label of the untagged group of a tag key in tables and exports. */
export const UNTAGGED_LABEL = '(untagged)';
