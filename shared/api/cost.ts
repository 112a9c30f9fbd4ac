/**
 * Cloud cost, budgets and the monthly review. Every call reads through the journal's Cost Explorer cache: a fresh
 * answer (or a closed month, which never changes) costs nothing; otherwise AWS is asked and each request (each page
 * of an answer) costs the account owner $0.01. `force` skips the freshness check for what can still change.
 * Failures of AWS never hide cached figures: answers carry `problems` and `freshness` instead. Without a workspace,
 * or a workspace without `cost:`, every call fails with NOT_FOUND saying what to add.
 */
import { z } from 'zod';
import {
  budgetAlertSchema,
  costAnomalySchema,
  costExportFormats,
  costExportSchema,
  costGroupBySchema,
  costOverviewSchema,
  costPickersSchema,
  costReviewSchema,
  costScreenSchema,
  isoMonthSchema,
} from '../model/cost';
import { defineEvent, defineMethod } from '../rpc';

/** Ask AWS again for figures that may still change, even when the cached answer is fresh. */
const force = z.boolean().default(false);

/** One of the workspace's accounts by name; left out: all accounts together. */
const account = z.string().min(1).optional();

export const costMethods = {
  'cost.overview': defineMethod(
    z.strictObject({ force, account }),
    costOverviewSchema,
    'The Overview card: month-to-date spend, the month-end forecast with its range, days left, the worst budget.',
  ),
  'cost.screen': defineMethod(
    z.strictObject({
      /** Split the daily spend by AWS service, or by the values of one cost-allocation tag key. */
      groupBy: costGroupBySchema.default({ kind: 'service' }),
      /** Months the chart covers, this one included (Cost Explorer keeps 13 closed months plus this one). */
      months: z.number().int().min(1).max(14).default(1),
      force,
      account,
    }),
    costScreenSchema,
    'The Cost screen: daily spend stacked by group, top movers, untagged share, budgets, deploy markers, and what a forced refresh would cost.',
  ),
  'cost.review': defineMethod(
    z.strictObject({
      /** A month that has ended (UTC); default: last month. */
      month: isoMonthSchema.optional(),
      force,
      account,
    }),
    costReviewSchema,
    'The monthly review: the month against the one before, by service and tag, top movers, budget outcome, untagged and API spend.',
  ),
  'cost.exportReview': defineMethod(
    z.strictObject({ month: isoMonthSchema.optional(), format: z.enum(costExportFormats), account }),
    costExportSchema,
    'The monthly review as a CSV (RFC 4180) or Markdown file to save.',
  ),
  'cost.pickers': defineMethod(
    z.strictObject({ force, account }),
    costPickersSchema,
    'Services, tag keys and tag values seen over the last three months, for budget forms and the tag switch.',
  ),
  'cost.refresh': defineMethod(
    z.strictObject({ force, account }),
    z.object({
      overview: costOverviewSchema,
      /** Requests sent to Cost Explorer by this refresh (each page one). */
      requests: z.number().int().nonnegative(),
      /** Budget thresholds crossed for the first time this month (notified once, now). */
      alerts: z.array(budgetAlertSchema),
      /** Cost anomalies seen for the first time (alerted once, now). */
      anomalies: z.array(costAnomalySchema),
    }),
    "Refreshes this month's figures and checks every budget, notifying thresholds crossed for the first time.",
  ),
} as const;

export const costEvents = {
  'cost.updated': defineEvent(
    z.object({
      /** refresh: new figures were fetched from AWS; workspace: the cost section changed (or appeared, or went). */
      reason: z.enum(['refresh', 'workspace']),
      /** Requests the refresh sent (0 for a workspace change). */
      requests: z.number().int().nonnegative(),
      at: z.string(),
    }),
    'Cost figures changed: views reload (from the cache, at no cost).',
  ),
} as const;
