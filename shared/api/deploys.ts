/**
 * Deploys, rollbacks, history, locks and host keys: the contract the Deploys screen, the Overview card and the
 * CLI's twin (electron/cli/deploy.ts) share. Runs go on in the backend whatever the window does: `deploys.start`
 * and `deploys.rollback` answer with a run id at once, and the run's live log comes as `deploys.run` events to
 * every window (and from `deploys.runLog` for a window that opens mid-run). Protected environments are refused
 * by the backend unless `confirmation` is the environment's name, whatever the UI did.
 */
import { z } from 'zod';
import {
  clearMarkInputSchema,
  deployHistorySchema,
  deployInputSchema,
  deployOutcomeSchema,
  deployPlanSchema,
  deployRecordSchema,
  doraSchema,
  lockStatusSchema,
  releaseLockInputSchema,
  releaseSourceSchema,
  rollbackInputSchema,
  type RunEvent,
  runEventSchema,
  runProblemSchema,
  targetInputSchema,
} from '../model/deploys';
import { name } from '../workspace/units';
import { defineEvent, defineMethod } from '../rpc';

/** One run (deploy or rollback) as lists show it; `status` follows the journal's words. */
export const runSummarySchema = z.object({
  runId: z.string(),
  kind: z.enum(['deploy', 'rollback']),
  service: z.string(),
  environment: z.string(),
  title: z.string(),
  actor: z.string(),
  hosts: z.array(z.string()),
  startedAt: z.string(),
  status: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  /** A cancel was asked for and the run is winding down (it may still roll back). */
  cancelling: z.boolean(),
  summary: z.string().nullable(),
  outcome: deployOutcomeSchema.nullable(),
  problem: runProblemSchema.nullable(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

/** A run as it is when it starts: the backend's run list and a window that sees the start event agree on it. */
export function runSummaryFromStart(event: Extract<RunEvent, { type: 'run.started' }>): RunSummary {
  return {
    runId: event.runId,
    kind: event.kind === 'rollback' ? 'rollback' : 'deploy',
    service: event.service ?? '',
    environment: event.environment ?? '',
    title: event.title,
    actor: event.actor ?? '',
    hosts: event.hosts,
    startedAt: event.at,
    status: 'running',
    cancelling: false,
    summary: null,
    outcome: null,
    problem: null,
  };
}

/**
 * Why Rollback cannot be pressed and what to do instead, in words shown beside the disabled button (a tooltip alone
 * is never seen on a touch screen, by a keyboard, or in a hurry). Decided by the backend from the target's releases,
 * the same ones the rollback target is chosen from.
 */
export const rollbackBlockSchema = z.object({
  reason: z.string(),
  /** The same in a few words, for the Overview's card (the full reason stays its tooltip). */
  brief: z.string(),
  alternative: z.discriminatedUnion('kind', [
    /** Opens the Deploy dialog for the target, with `release` chosen when one is named. */
    z.object({ kind: z.literal('deploy'), label: z.string(), release: z.string().nullable() }),
    /** Reads the hosts again. */
    z.object({ kind: z.literal('read-again'), label: z.string() }),
  ]),
});
export type RollbackBlock = z.infer<typeof rollbackBlockSchema>;
export type RollbackAlternative = RollbackBlock['alternative'];

/** A service in an environment at a glance: what runs, what is good, what happened last, what is going on. */
export const deployTargetSchema = z.object({
  service: z.string(),
  environment: z.string(),
  strategy: z.enum(['releases', 'script']),
  protected: z.boolean(),
  hosts: z.array(z.string()),
  /** The release every reachable host runs (null when they differ or none runs one). */
  current: z.string().nullable(),
  currentByHost: z.array(z.object({ host: z.string(), release: z.string().nullable() })),
  /** "live now · v1.5.0 · healthy for 3 days". */
  currentLabel: z.string().nullable(),
  lastGood: z.string().nullable(),
  /** The newest deploy or rollback, whoever made it. */
  lastDeploy: deployRecordSchema.nullable(),
  /** Where one click on Rollback goes, and its label. */
  rollbackTarget: z.string().nullable(),
  rollbackLabel: z.string().nullable(),
  /** Why there is no rollback target, and the way out; null when Rollback can be pressed. */
  rollbackBlock: rollbackBlockSchema.nullable(),
  /** A run of this cockpit on it right now. */
  runningRunId: z.string().nullable(),
  /** Someone (maybe a teammate) holds the deploy lock on a host. */
  lockedBy: z.string().nullable(),
  unreachable: z.array(z.object({ host: z.string(), message: z.string() })),
  /** Why it could not be read at all. */
  problem: z.string().nullable(),
});
export type DeployTarget = z.infer<typeof deployTargetSchema>;

export const deploysOverviewSchema = z.object({
  targets: z.array(deployTargetSchema),
  /** Runs of this cockpit: those still going, then the latest ended ones. */
  runs: z.array(runSummarySchema),
  /** DORA figures over every service and environment. */
  dora: doraSchema,
  checkedAt: z.string(),
});
export type DeploysOverview = z.infer<typeof deploysOverviewSchema>;

/**
 * What a person should know before choosing a release: `bad` (BAD_RELEASE), `failed-gate` (its health gate failed),
 * `outside-app` (on the hosts but never gated by the cockpit), `not-everywhere` (missing on some host).
 */
export const releaseBadgeSchema = z.enum(['bad', 'failed-gate', 'outside-app', 'not-everywhere']);
export type ReleaseBadge = z.infer<typeof releaseBadgeSchema>;

/** Did the service start failing after the release being left went live? The rollback's mark-bad question. */
export const markEvidenceSchema = z.object({
  release: z.string(),
  wentLiveAt: z.string().nullable(),
  kind: z.enum(['failing-after', 'failing-before', 'no-failure', 'unknown']),
  failingSince: z.string().nullable(),
  /** "checkout started failing 3 min after v1.5.0 went live" / "no check failed after v1.5.0 went live". */
  line: z.string(),
  markBadDefault: z.boolean(),
});
export type MarkEvidence = z.infer<typeof markEvidenceSchema>;

/** Something that can be deployed: a ready-made release from the artifacts folder, or the service's build. */
export const releaseChoiceSchema = z.object({
  id: z.string(),
  /** "v1.5.0" */
  label: z.string(),
  /** "folder · 3 files · changed 2 days ago" */
  detail: z.string().nullable(),
  kind: z.enum(['artifact', 'dir', 'build']),
  /** Handed back to deploys.plan / deploys.start as `release`. */
  release: releaseSourceSchema,
  modifiedAt: z.string().nullable(),
  /** What the environment's hosts say about this release (empty when it is new there, or no environment was asked). */
  badges: z.array(releaseBadgeSchema),
});
export type ReleaseChoice = z.infer<typeof releaseChoiceSchema>;

export const deploySourcesSchema = z.object({
  service: z.string(),
  strategy: z.enum(['releases', 'script']),
  /** Newest first; the first is the default choice. */
  choices: z.array(releaseChoiceSchema),
  /** A script deploy needs a release name typed (or picked); a releases deploy may add a ref label. */
  refRequired: z.boolean(),
  /** Why the list is short or empty, in words. */
  note: z.string().nullable(),
});
export type DeploySources = z.infer<typeof deploySourcesSchema>;

export const rollbackOptionSchema = z.object({
  id: z.string(),
  ref: z.string().nullable(),
  /** "3 days ago · 8b71ff7 · healthy for 3 days, until 15 min ago" */
  label: z.string(),
  createdAt: z.string().nullable(),
  healthy: z.boolean(),
  bad: z.object({ at: z.string().nullable(), reason: z.string() }).nullable(),
  /** On every host (a rollback needs it everywhere). */
  everywhere: z.boolean(),
  /** The hosts that lack it. */
  missingOn: z.array(z.string()),
  isDefault: z.boolean(),
  badges: z.array(releaseBadgeSchema),
});
export type RollbackOption = z.infer<typeof rollbackOptionSchema>;

export const rollbackOptionsSchema = z.object({
  service: z.string(),
  environment: z.string(),
  strategy: z.enum(['releases', 'script']),
  protected: z.boolean(),
  current: z.string().nullable(),
  currentByHost: z.array(z.object({ host: z.string(), release: z.string().nullable() })),
  /** The newest release that was healthy (never one marked bad); null with `problem` when there is none. */
  defaultTarget: z.string().nullable(),
  problem: z.string().nullable(),
  /** Newest first; the current release is left out. */
  options: z.array(rollbackOptionSchema),
  /** What happens on each host, in order. */
  steps: z.array(z.string()),
  gate: z.array(z.string()),
  unreachable: z.array(z.object({ host: z.string(), message: z.string() })),
  lockedBy: z.string().nullable(),
  /** The evidence about the release a rollback would leave (null when hosts differ or none runs one). */
  markEvidence: markEvidenceSchema.nullable(),
  /** Whether the rollback marks the release it leaves bad unless told otherwise (follows the evidence). */
  markBadDefault: z.boolean(),
});
export type RollbackOptions = z.infer<typeof rollbackOptionsSchema>;

export const runLogSchema = z.object({
  run: runSummarySchema,
  /** The run's events so far, in order (output batched; the oldest output is dropped past a cap). */
  events: z.array(runEventSchema),
  /** Output was dropped from the start of this log (the journal keeps it all). */
  truncated: z.boolean(),
});
export type RunLog = z.infer<typeof runLogSchema>;

const none = z.strictObject({});
const started = z.object({ runId: z.string() });

export const deployMethods = {
  'deploys.overview': defineMethod(
    none,
    deploysOverviewSchema,
    'Every service × environment with a deploy: current release, last known good, last deploy and its result, running and locked state; the runs of this cockpit; DORA figures. Reads each host.',
  ),
  'deploys.history': defineMethod(
    targetInputSchema,
    deployHistorySchema,
    'The deploy timeline of a service in an environment: this journal merged with the hosts (release directories, markers, teammates’ audit lines), so deploys made outside the app appear, marked external.',
  ),
  'deploys.sources': defineMethod(
    z.strictObject({ service: name, environment: name.optional() }),
    deploySourcesSchema,
    'What can be deployed for a service: ready-made releases from its artifacts folder, its local build directory. With an environment, each choice carries what its hosts say about it (bad, failed gate, outside the app, not on every host).',
  ),
  'deploys.plan': defineMethod(
    deployInputSchema,
    deployPlanSchema,
    'The plan shown before Deploy is pressed: hosts, rolling batches, steps in order, the health gate. Changes nothing.',
  ),
  'deploys.start': defineMethod(
    deployInputSchema,
    started,
    'Starts a deploy in the background and answers with its run id; the live log comes as deploys.run events. A protected environment needs `confirmation` equal to its name (FORBIDDEN otherwise).',
  ),
  'deploys.cancel': defineMethod(
    z.strictObject({ runId: z.string().min(1).max(100) }),
    z.object({ cancelling: z.boolean() }),
    'Asks a running deploy or rollback to stop: the current step is stopped, and hosts already switched are rolled back. NOT_FOUND when it is not running.',
  ),
  'deploys.rollbackOptions': defineMethod(
    targetInputSchema,
    rollbackOptionsSchema,
    'Where a rollback can go: the default (newest healthy release) with its label, the alternatives, and what runs where now.',
  ),
  'deploys.rollback': defineMethod(
    rollbackInputSchema,
    started,
    'Starts a rollback in the background (to `to`, else the default target) and answers with its run id. A protected environment needs `confirmation` equal to its name.',
  ),
  'deploys.clearMark': defineMethod(
    clearMarkInputSchema,
    z.object({ release: z.string(), clearedOn: z.array(z.string()), problems: z.array(z.string()) }),
    'Removes the BAD_RELEASE mark of a release on every host that has it (a person judged the release not to blame). The reason is journaled and written to each host’s audit log.',
  ),
  'deploys.runLog': defineMethod(
    z.strictObject({ runId: z.string().min(1).max(100) }),
    runLogSchema,
    'A run of this cockpit and its live log so far (for a window opened mid-run). NOT_FOUND for runs this process did not start; the journal has those.',
  ),
  'deploys.locks': defineMethod(
    targetInputSchema,
    lockStatusSchema,
    'Who holds the deploy lock on each host of a service in an environment: who, since when, for what, why.',
  ),
  'deploys.releaseLock': defineMethod(
    releaseLockInputSchema,
    lockStatusSchema,
    'Releases the deploy lock; `force` releases one held by someone else. The reason is journaled.',
  ),
  'deploys.dora': defineMethod(
    z.strictObject({ service: name.optional(), environment: name.optional() }),
    doraSchema,
    'Deploy frequency, change failure rate and time to restore over the last 30 days (all services, or one).',
  ),
  'deploys.trustHostKey': defineMethod(
    z.strictObject({
      host: z.string().min(1).max(200),
      knownHostsName: z.string().min(1).max(300),
      keyBase64: z.string().min(1).max(20_000),
      fingerprint: z.string().min(1).max(200),
    }),
    z.object({ trusted: z.literal(true), fingerprint: z.string() }),
    'Trusts a host key the person has seen (from a host-key-unknown problem): recorded in the cockpit’s known_hosts and journaled. Refused when the key does not match the fingerprint shown.',
  ),
} as const;

export const deploysChangedSchema = z.object({
  service: z.string().nullable(),
  environment: z.string().nullable(),
  reason: z.enum([
    'run-started',
    'run-ended',
    'lock-released',
    'host-trusted',
    'mark-cleared',
    'workspace',
    // A rollback drill removed its practice release from the hosts.
    'practice-removed',
  ]),
  runId: z.string().nullable(),
});
export type DeploysChanged = z.infer<typeof deploysChangedSchema>;

export const deployEvents = {
  'deploys.run': defineEvent(
    runEventSchema,
    'A step of a deploy or rollback started or ended, output arrived (batched), or the run ended.',
  ),
  'deploys.changed': defineEvent(
    deploysChangedSchema,
    'Deploy state changed (a run started or ended, a lock was released, the workspace changed): reload what is shown.',
  ),
} as const;
