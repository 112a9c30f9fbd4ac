/**
 * Backups as the UI and the CLI see them: the copies a source lists, each verification's checks (each labelled with
 * what it proves and what it does not), the status of a backup against its promises, and restore drills with their
 * evidence. The engine (electron/backups) produces exactly these shapes. Times are ISO strings; durations and ages ms.
 */
import { z } from 'zod';

export const backupSourceKinds = ['dir', 's3', 'restic', 'pgbackrest', 'command'] as const;

/** One copy a source lists: a file, an object, a snapshot, a pgBackRest backup set. */
export const backupCopySchema = z.object({
  /** Stable within the source: a file name, an object key, a snapshot id, a backup label. */
  id: z.string(),
  /** When the copy was taken (ISO). */
  time: z.string(),
  /** Bytes; null when the source does not say. */
  size: z.number().nullable(),
  /** What {file} becomes in commands: a path on the host, s3://bucket/key, a snapshot id, a backup label. */
  location: z.string(),
  /** Extra facts in words: "incr of 20261206-044817F", "tags: pgdump". */
  note: z.string().optional(),
});
export type BackupCopy = z.infer<typeof backupCopySchema>;

export const verificationStatuses = ['ok', 'warning', 'failed', 'error', 'skipped'] as const;
export type VerificationStatus = (typeof verificationStatuses)[number];

/** One check of one verification. `error`: the check could not run (host unreachable, tool missing). */
export const verificationCheckSchema = z.object({
  kind: z.enum(['list', 'freshness', 'size', 'count', 'integrity', 'native']),
  status: z.enum(verificationStatuses),
  /** The finding in words: "newest copy 3 h old (RPO 26 h)". */
  summary: z.string(),
  /** What a pass proves: "the newest copy is a complete custom-format dump". */
  proves: z.string(),
  /** What it does not: "its contents were not restored". */
  doesNotProve: z.string(),
  command: z.string().optional(),
  exitCode: z.number().nullable().optional(),
  /** The output's tail, redacted. */
  output: z.string().optional(),
  durationMs: z.number(),
  /**
   * When the command really ran (ISO), for a result carried over from an earlier verification: the copy had not
   * changed since, so a scheduled run did not read it again.
   */
  ranAt: z.string().optional(),
});
export type VerificationCheck = z.infer<typeof verificationCheckSchema>;

export const verificationSchema = z.object({
  at: z.string(),
  durationMs: z.number(),
  /** The worst of its checks. */
  status: z.enum(verificationStatuses),
  checks: z.array(verificationCheckSchema),
});
export type Verification = z.infer<typeof verificationSchema>;

/** A backup's promises: `broken` when any is broken (past RPO, too few copies, integrity failed, drill failed). */
export const backupHealthStates = ['ok', 'warning', 'broken', 'unknown'] as const;
export type BackupHealth = (typeof backupHealthStates)[number];

export const drillPhaseNames = ['preflight', 'restore', 'checks', 'teardown'] as const;
export type DrillPhaseName = (typeof drillPhaseNames)[number];

export const drillPhaseSchema = z.object({
  name: z.enum(drillPhaseNames),
  startedAt: z.string(),
  durationMs: z.number(),
  ok: z.boolean(),
  /** Why it failed, or what it did: "scratch target cockpit_drill_ab12 is free". */
  detail: z.string().nullable(),
});
export type DrillPhase = z.infer<typeof drillPhaseSchema>;

/** One smoke check of a drill, with the evidence: what ran, what it printed, what was expected. */
export const drillCheckResultSchema = z.object({
  name: z.string(),
  command: z.string(),
  exitCode: z.number().nullable(),
  /** The output's tail, redacted. */
  output: z.string(),
  /** "at least 100000", "a time within 26h"; null when only the exit code counts. */
  expected: z.string().nullable(),
  ok: z.boolean(),
  /** Why it failed in words: "printed 99 000, expected at least 100 000". */
  detail: z.string().nullable(),
  durationMs: z.number(),
  /** The newest data's time this check printed (ISO), for RPO achieved. */
  dataTime: z.string().nullable().optional(),
});
export type DrillCheckResult = z.infer<typeof drillCheckResultSchema>;

export const drillStatuses = ['running', 'succeeded', 'failed', 'cancelled'] as const;

/** A restore drill and its evidence, kept in the journal forever. */
export const restoreDrillSchema = z.object({
  runId: z.string(),
  service: z.string(),
  backup: z.string(),
  host: z.string(),
  /** The environment the drill host belongs to, when any. */
  environment: z.string().nullable(),
  actor: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  status: z.enum(drillStatuses),
  /** One line: "Restored orders-2026-12-05.dump in 41 s; 3 checks passed; RTO 41 s (target 30 m)". */
  summary: z.string().nullable(),
  /** Which copy, and why this one ("newest", "random of the last 7"). */
  copy: backupCopySchema.nullable(),
  copyChoice: z.string(),
  /** sha256 of the copy as read on its host, when it could be computed (files). */
  checksum: z.string().nullable(),
  scratch: z.string(),
  phases: z.array(drillPhaseSchema),
  checks: z.array(drillCheckResultSchema),
  /** Restore start → checks pass; null unless they passed. */
  rtoMs: z.number().nullable(),
  rtoTargetMs: z.number(),
  /** Age of the data restored at the drill's start: the newest row's time if a check printed it, else the copy's. */
  rpoMs: z.number().nullable(),
  rpoTargetMs: z.number(),
  /** "the newest row's time (check "newest order")" or "the copy's time". */
  rpoFrom: z.string().nullable(),
  /** Teardown ran and succeeded (null: there was nothing to tear down). */
  teardownOk: z.boolean().nullable(),
  /** Every command in order with host, exit code and the output's tail. */
  commands: z.array(
    z.object({
      phase: z.enum(drillPhaseNames),
      command: z.string(),
      exitCode: z.number().nullable(),
      durationMs: z.number(),
      output: z.string(),
    }),
  ),
});
export type RestoreDrill = z.infer<typeof restoreDrillSchema>;

/** One point of a backup's history, for the age and size charts. */
export const backupHistoryPointSchema = z.object({
  at: z.string(),
  status: z.enum(verificationStatuses),
  /** Age of the newest copy at that verification. */
  ageMs: z.number().nullable(),
  newestSize: z.number().nullable(),
  copies: z.number(),
});
export type BackupHistoryPoint = z.infer<typeof backupHistoryPointSchema>;

/** A backup as the Backups screen, the Overview card and `cockpit backups` show it. */
export const backupStatusSchema = z.object({
  /** `service/backup`. */
  key: z.string(),
  service: z.string(),
  id: z.string(),
  description: z.string().nullable(),
  sourceKind: z.enum(backupSourceKinds),
  /** The source in words: "demo-stg:/srv/backups/orders/*.dump", "s3://acme/pg/", "restic /srv/restic (tag pg)". */
  source: z.string(),
  health: z.enum(backupHealthStates),
  /** Why, in words, the worst first: "newest copy 31 h old, past the RPO of 26 h". */
  reason: z.string(),
  rpoMs: z.number(),
  minCopies: z.number(),
  newest: backupCopySchema.nullable(),
  /** Age of the newest copy now. */
  ageMs: z.number().nullable(),
  copies: z.number().nullable(),
  /** The recent copies' sizes, oldest first, each flagged when it shrank against the median before it. */
  sizes: z.array(z.object({ id: z.string(), time: z.string(), size: z.number().nullable(), shrunk: z.boolean() })),
  lastVerification: verificationSchema.nullable(),
  nextVerificationAt: z.string().nullable(),
  verifying: z.boolean(),
  drill: z
    .object({
      host: z.string(),
      rtoTargetMs: z.number(),
      everyMs: z.number(),
      last: restoreDrillSchema.nullable(),
      /** When the next drill is due (ISO): now when never drilled. */
      dueAt: z.string(),
      overdue: z.boolean(),
      running: z.string().nullable(),
    })
    .nullable(),
});
export type BackupStatus = z.infer<typeof backupStatusSchema>;

const order: Record<BackupHealth, number> = { broken: 3, warning: 2, unknown: 1, ok: 0 };

/** Worst first, then by key: the order of the Backups screen, the Overview card and the CLI. */
export function worstBackupsFirst(a: BackupStatus, b: BackupStatus): number {
  return order[b.health] - order[a.health] || a.key.localeCompare(b.key);
}
