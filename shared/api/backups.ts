/**
 * Backups and restore drills: the contract the Backups and Drills screens, the Overview card and the CLI's twin
 * (electron/cli/backups.ts) share. Verification runs on its schedule in the app and on demand (`backups.verify`);
 * a restore drill answers with a run id at once and streams its live log as `backups.drillRun` events (the same
 * run events deploys use). A drill host in a protected environment is refused unless `confirmation` is the
 * environment's name, whatever the UI did.
 */
import { z } from 'zod';
import {
  backupCopySchema,
  backupHealthStates,
  backupHistoryPointSchema,
  backupStatusSchema,
  restoreDrillSchema,
} from '../model/backups';
import { runEventSchema } from '../model/deploys';
import { defineEvent, defineMethod } from '../rpc';

const backupRef = { service: z.string().min(1), backup: z.string().min(1) };

export const backupsOverviewSchema = z.object({
  /** Worst first. */
  backups: z.array(backupStatusSchema),
  worst: z.enum(backupHealthStates),
  /** One line: "2 of 3 backups keep their promises; orders-db: newest copy 31 h old (RPO 26 h)". */
  verdict: z.string(),
});
export type BackupsOverview = z.infer<typeof backupsOverviewSchema>;

export const backupsMethods = {
  'backups.list': defineMethod(
    z.strictObject({}),
    backupsOverviewSchema,
    'Every declared backup with its newest copy, age against the RPO, sizes, last verification and drill, worst first.',
  ),
  'backups.verify': defineMethod(
    z.strictObject({ service: z.string().min(1).optional(), backup: z.string().min(1).optional() }),
    backupsOverviewSchema,
    'Verifies the matching backups now (all by default) and answers when done: list, freshness, size, count, integrity and native checks.',
  ),
  'backups.history': defineMethod(
    z.strictObject({ ...backupRef, days: z.number().int().min(1).max(400).default(30) }),
    z.object({
      points: z.array(backupHistoryPointSchema),
      /** The copies the last verification listed, newest first. */
      copies: z.array(backupCopySchema),
    }),
    "A backup's verifications over time (age of the newest copy, its size, the number of copies), for the charts.",
  ),
  'backups.drill': defineMethod(
    z.strictObject({
      ...backupRef,
      /** A copy id from the listing; default: the drill's `copy` choice (newest, or a random one of the last N). */
      copy: z.string().min(1).optional(),
      /** The environment's name, typed, when the drill host belongs to a protected environment. */
      confirmation: z.string().optional(),
    }),
    z.object({ runId: z.string() }),
    'Starts a restore drill: preflight, restore a copy into a scratch target, smoke checks, teardown (always). Answers with the run id at once.',
  ),
  'backups.cancelDrill': defineMethod(
    z.strictObject({ runId: z.string().min(1) }),
    z.object({ cancelled: z.boolean() }),
    'Cancels a running restore drill; its teardown still runs.',
  ),
  'backups.drills': defineMethod(
    z.strictObject({
      service: z.string().min(1).optional(),
      backup: z.string().min(1).optional(),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    z.object({ drills: z.array(restoreDrillSchema) }),
    'Restore drills, newest first, with their evidence.',
  ),
  'backups.drillRun': defineMethod(
    z.strictObject({ runId: z.string().min(1) }),
    z.object({ drill: restoreDrillSchema, log: z.array(runEventSchema) }),
    "One restore drill's evidence and its log (for a window that opens mid-run, or later).",
  ),
  'backups.drillReport': defineMethod(
    z.strictObject({ runId: z.string().min(1), format: z.enum(['md']).default('md') }),
    z.object({ filename: z.string(), text: z.string() }),
    "A restore drill's evidence as a Markdown report.",
  ),
} as const;

export const backupsEvents = {
  'backups.changed': defineEvent(
    z.object({ at: z.string(), keys: z.array(z.string()) }),
    'Backups were verified, a drill started or ended, or the workspace changed what is declared: views reload.',
  ),
  'backups.drillRun': defineEvent(runEventSchema, "A restore drill's live log: steps, output, the end."),
} as const;
