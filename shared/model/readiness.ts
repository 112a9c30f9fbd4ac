/**
 * The readiness scorecard: the playbooks' production checklist computed from live evidence. Each item is green,
 * amber or red with the evidence and where to fix it; the score is the share of the way there, with its trend.
 */
import { z } from 'zod';

export const readinessStatuses = ['green', 'amber', 'red'] as const;
export type ReadinessStatus = (typeof readinessStatuses)[number];

export const readinessItemIds = [
  'critical-checks',
  'alerts-reach-a-person',
  'rollback-practised',
  'previous-release-kept',
  'backups-fresh',
  'backups-restored',
  'budget-alerts',
  'spend-tagged',
  'host-keys-pinned',
  'production-protected',
  'runbooks',
  'incident-figures',
] as const;
export type ReadinessItemId = (typeof readinessItemIds)[number];

export const readinessItemSchema = z.object({
  id: z.enum(readinessItemIds),
  /** "Critical health checks cover checkout, auth, webhooks and workers" */
  title: z.string(),
  status: z.enum(readinessStatuses),
  /** What was found: "webhooks has no critical check", "last rollback drill 12 days ago (checkout, staging)". */
  evidence: z.string(),
  /** Where to fix it: a screen (and what to open there) and what to do, in words; null when green. */
  fix: z
    .object({
      label: z.string(),
      route: z.enum(['deploys', 'health', 'cost', 'backups', 'drills', 'incidents', 'runbooks', 'settings']),
      id: z.string().nullable(),
    })
    .nullable(),
});
export type ReadinessItem = z.infer<typeof readinessItemSchema>;

export const scorecardSchema = z.object({
  /** 0–100: green counts 1, amber ½, red 0, over the items that apply. */
  score: z.number(),
  threshold: z.number(),
  items: z.array(readinessItemSchema),
  /** One point per day (the day's last score), oldest first, up to 90 days. */
  trend: z.array(z.object({ day: z.string(), score: z.number() })),
  computedAt: z.string(),
});
export type Scorecard = z.infer<typeof scorecardSchema>;
