/**
 * Health monitoring: what every service × environment looks like now, each check's history, SLOs and alerts.
 * The app and serve mode watch continuously (a scheduler runs each check on its interval and stores every sample);
 * the CLI checks once on demand (`health.runNow` with `wait`). Times are epoch milliseconds. Without a workspace
 * every list is empty and the verdict says so.
 */
import { z } from 'zod';
import {
  alertSchema,
  alertSettingsSchema,
  checkRowSchema,
  checkViewSchema,
  healthOverviewSchema,
  healthRanges,
  healthStatuses,
  keychainEntrySchema,
  keychainName,
  quietHoursText,
  seriesSchema,
  serviceHealthSchema,
  sloRowSchema,
} from '../model/health';
import { deployMarkerSchema } from '../model/markers';
import { defineEvent, defineMethod } from '../rpc';

/** Narrows a call to one service and/or environment; both optional. */
const scope = {
  service: z.string().min(1).optional(),
  environment: z.string().min(1).optional(),
};

export const healthMethods = {
  'health.overview': defineMethod(
    z.strictObject({}),
    healthOverviewSchema,
    'Every service × environment as one status (up, degraded, down, unknown) with the reason in words and since when, the worst of all, and a one-line verdict.',
  ),
  'health.checks': defineMethod(
    z.strictObject(scope),
    z.object({ checks: z.array(checkRowSchema) }),
    'Each check: status, reason, last run, latency, timing, and uptime over 24 h / 7 d / 30 d (time nobody watched left out).',
  ),
  'health.series': defineMethod(
    z.strictObject({
      service: z.string().min(1),
      environment: z.string().min(1),
      checkId: z.string().min(1),
      /** One host's instance of a per-host check. */
      host: z.string().min(1).optional(),
      range: z.enum(healthRanges).default('24h'),
    }),
    z.object({
      range: z.enum(healthRanges),
      /** Latency and status per point (raw samples for short ranges, aggregates otherwise), and "not watched" gaps. */
      series: seriesSchema,
      /** Deploys and rollbacks of the service to the environment within the range, for chart markers. */
      markers: z.array(deployMarkerSchema),
    }),
    "One check's latency and status history over a range, with the gaps nobody watched and the deploy markers.",
  ),
  'health.slo': defineMethod(
    z.strictObject(scope),
    z.object({ slos: z.array(sloRowSchema) }),
    'SLO reports (availability, error budget left, burn rates over 1 h and 6 h) for services that declare `slo:`.',
  ),
  'health.runNow': defineMethod(
    z.strictObject({
      ...scope,
      checkId: z.string().min(1).optional(),
      /** Only this host's instances of per-host checks (environment-wide checks are left out). */
      host: z.string().min(1).optional(),
      /** Resolve once the checks have run (up to their timeouts) and answer with what they found. */
      wait: z.boolean().default(false),
    }),
    z.object({
      /** Checks run (or queued, without `wait`). */
      ran: z.number().int(),
      /** Their views: fresh results when waited for, otherwise as they were when queued. */
      checks: z.array(checkViewSchema),
      overview: healthOverviewSchema,
    }),
    'Runs the matching checks now, outside their schedule (all of them by default). In the CLI, where nothing is watched, it runs each once without retries.',
  ),
  'health.alerts': defineMethod(
    z.strictObject({ limit: z.number().int().min(1).max(200).default(20) }),
    z.object({ alerts: z.array(alertSchema) }),
    'Recent alerts, newest first (also kept in the journal as `health.alert` actions).',
  ),
  'health.settings': defineMethod(
    z.strictObject({}),
    alertSettingsSchema,
    "How alerts are sent (desktop, Slack, quiet hours) as the workspace's `alerts:` section and the app's own settings say, with what is not ready in words.",
  ),
  'health.setKeychainSecret': defineMethod(
    z.strictObject({ name: keychainName, value: z.string().min(1).max(4_096) }),
    keychainEntrySchema,
    'Stores a secret (a Slack webhook URL) in the OS keychain as the entry the workspace calls `keychain:NAME`. Desktop app only: elsewhere it fails with UNSUPPORTED. The value is never sent back.',
  ),
  'health.deleteKeychainSecret': defineMethod(
    z.strictObject({ name: keychainName }),
    keychainEntrySchema,
    'Forgets a `keychain:NAME` entry.',
  ),
  'health.setQuietHours': defineMethod(
    z.strictObject({
      /** "22:00-07:00" in local time (equal start and end: none); null follows the workspace file again. */
      quietHours: quietHoursText.nullable(),
    }),
    alertSettingsSchema,
    "Sets quiet hours in the app, used instead of the workspace's `alerts.quietHours`; null goes back to the file's.",
  ),
} as const;

export const healthEvents = {
  'health.status': defineEvent(
    z.object({
      at: z.number(),
      worst: z.enum(healthStatuses),
      /** The service × environment whose status changed; null when the workspace changed what is watched. */
      service: serviceHealthSchema.nullable(),
    }),
    'A service × environment changed status (or the set of watched services changed): views reload the overview; the tray shows `worst`.',
  ),
  'health.sample': defineEvent(
    z.object({
      at: z.number(),
      /** The checks that ran since the last event, as they are now (at most one event a second). */
      checks: z.array(checkViewSchema),
    }),
    'Checks ran: their latest views, coalesced so a busy workspace never floods the window.',
  ),
  'health.alert': defineEvent(alertSchema, 'An alert was sent (or released after quiet hours).'),
} as const;
