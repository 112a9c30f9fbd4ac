/**
 * The one timeline: the Timeline screen, the Overview's last-24-hours strip, each incident page's timeline and
 * `cockpit timeline [--since 24h] [--json]` read it here.
 */
import { timelineQuerySchema, timelineSchema } from '../model/timeline';
import { defineMethod } from '../rpc';

export const timelineMethods = {
  'timeline.list': defineMethod(
    timelineQuerySchema,
    timelineSchema,
    'Deploys, rollbacks, health transitions, alerts, incidents, budget crossings, backup checks, drills and runbook runs in a time range, oldest first; filtered by service, environment and kind.',
  ),
} as const;

export const timelineEvents = {} as const;
