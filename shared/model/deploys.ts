/**
 * Deploys, rollbacks, locks and their history, as the UI and the CLI see them. The Node side (electron/deploys)
 * returns exactly these shapes; the contract (shared/api/deploys.ts, phase 2) reuses the schemas.
 */
import { z } from 'zod';
import { name } from '../workspace/units';

/** How a deploy or rollback ended. `unknown`: the connection was lost mid-way; see the host states. */
export const deployResults = ['healthy', 'failed', 'rolled-back', 'bad', 'unknown', 'running', 'cancelled'] as const;
export type DeployResult = (typeof deployResults)[number];

/** What to deploy: a git ref, a ready-made release by name, a local build directory, or an artifact (.tar.gz). */
export const releaseSourceSchema = z.strictObject({
  /**
   * A ready-made release of the artifacts folder by name; else a branch, tag or commit of the workspace's git
   * repository, whose commit is exported and built (its short sha ends the release id); else only a label.
   */
  ref: z.string().trim().min(1).max(100).optional(),
  /** A local directory to upload (default: the service's `build.dir`, relative to the workspace file). */
  dir: z.string().min(1).optional(),
  /** A .tar.gz to upload and unpack into the release directory. */
  artifact: z.string().min(1).optional(),
});
export type ReleaseSource = z.infer<typeof releaseSourceSchema>;

/** Which hosts a run acts on, when not every host of the environment (a host is down), and the batch size. */
const hostChoice = {
  /** Only these hosts of the environment (names must be the environment's). */
  hosts: z.array(name).min(1).max(500).optional(),
  /** Every host but these; needs a `reason` (journaled with the skipped hosts). */
  skipHosts: z.array(name).min(1).max(500).optional(),
  /** Hosts switched at once, overriding the deploy config's `batch`. */
  batch: z.number().int().min(1).max(1000).optional(),
};

const confirmation = z
  .string()
  .max(100)
  .optional()
  .describe('for a protected environment: its name, typed by the person');

export const deployInputSchema = z.strictObject({
  service: name,
  environment: name,
  release: releaseSourceSchema.default({}),
  /** Why (shown to teammates in the lock and the audit line). */
  reason: z.string().max(500).optional(),
  confirmation,
  ...hostChoice,
});
export type DeployInput = z.input<typeof deployInputSchema>;

export const rollbackInputSchema = z.strictObject({
  service: name,
  environment: name,
  /** A release id; default: the newest release that was healthy (not BAD_RELEASE), other than the current one. */
  to: z.string().max(200).optional(),
  reason: z.string().max(500).optional(),
  /**
   * Mark the release rolled away from BAD_RELEASE. Default: what the evidence says (did the service start failing
   * after that release went live?), so an outage the release did not cause does not turn it bad.
   */
  markBad: z.boolean().optional(),
  confirmation,
  ...hostChoice,
});
export type RollbackInput = z.input<typeof rollbackInputSchema>;

/** Clears a BAD_RELEASE mark a person judged wrong (journaled with the reason, audited on each host). */
export const clearMarkInputSchema = z.strictObject({
  service: name,
  environment: name,
  release: z.string().min(1).max(200),
  reason: z.string().trim().min(1, 'say why the mark is cleared').max(500),
});
export type ClearMarkInput = z.input<typeof clearMarkInputSchema>;

export const targetInputSchema = z.strictObject({ service: name, environment: name });
export type TargetInput = z.infer<typeof targetInputSchema>;

export const releaseLockInputSchema = z.strictObject({
  service: name,
  environment: name,
  reason: z.string().trim().min(1, 'say why the lock is released').max(500),
  /** Release a lock held by someone else (journaled with the reason). */
  force: z.boolean().default(false),
  /**
   * Release a lock this machine's run left behind (its process is gone), in one step without `force`; refused
   * when the lock is not stale at that moment.
   */
  stale: z.boolean().default(false),
});
export type ReleaseLockInput = z.input<typeof releaseLockInputSchema>;

export const planStepSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** `each-host`: in every batch on each host; `once`: once for the whole run. */
  scope: z.enum(['once', 'each-host']),
  command: z.string().nullable(),
});

/** What a `releases` deploy will upload: from where, how much, and what the deny list left out (and why). */
export const planUploadSchema = z.object({
  kind: z.enum(['files', 'artifact']),
  /** The folder, the build.upload entries, or the archive, relative to the workspace file when inside its folder. */
  from: z.string(),
  /** null while a build (or a git export) must run first: the files are known only after it. */
  files: z.number().nullable(),
  bytes: z.number().nullable(),
  /** Found but never uploaded: private keys, version control, `.env` not under shared:, the cockpit's data. */
  excluded: z.array(z.object({ path: z.string(), why: z.string() })),
});
export type PlanUpload = z.infer<typeof planUploadSchema>;

export const deployPlanSchema = z.object({
  service: z.string(),
  environment: z.string(),
  strategy: z.enum(['releases', 'script']),
  /** The environment is protected: the person must type its name to confirm. */
  protected: z.boolean(),
  releaseId: z.string(),
  ref: z.string().nullable(),
  /** The full sha the git ref names now, when that commit is what gets built; null otherwise. */
  commit: z.string().nullable(),
  hosts: z.array(z.string()),
  /** Rolling batches, in order. */
  batches: z.array(z.array(z.string())),
  steps: z.array(planStepSchema),
  gate: z.array(z.string()),
  gateTimeoutMs: z.number(),
  keep: z.number().nullable(),
  /** What will be uploaded (`releases`); null for the script strategy. */
  upload: planUploadSchema.nullable(),
});
export type DeployPlan = z.infer<typeof deployPlanSchema>;

export const hostOutcomeSchema = z.object({
  host: z.string(),
  /** Where the host stands now, as far as the cockpit knows. */
  state: z.enum(['not-switched', 'switched', 'healthy', 'rolled-back', 'unknown']),
  /** The release `current` points to (or should), and the one before. */
  release: z.string().nullable(),
  previous: z.string().nullable(),
  detail: z.string().nullable(),
});
export type HostOutcome = z.infer<typeof hostOutcomeSchema>;

export const stepFailureSchema = z.object({
  host: z.string().nullable(),
  step: z.string(),
  command: z.string().nullable(),
  exitCode: z.number().nullable(),
  reason: z.enum(['exit', 'timeout', 'cancelled', 'transport', 'gate', 'declined', 'error']),
  message: z.string(),
  outputTail: z.string(),
});
export type StepFailureInfo = z.infer<typeof stepFailureSchema>;

/** The way back after a deploy that could not finish cleanly: commands a person can run (or buttons). */
export const wayBackSchema = z.object({
  summary: z.string(),
  rollbackTo: z.string().nullable(),
  commands: z.array(z.string()),
});
export type WayBack = z.infer<typeof wayBackSchema>;

export const deployOutcomeSchema = z.object({
  runId: z.string(),
  kind: z.enum(['deploy', 'rollback']),
  service: z.string(),
  environment: z.string(),
  releaseId: z.string().nullable(),
  previousRelease: z.string().nullable(),
  result: z.enum(deployResults),
  summary: z.string(),
  hosts: z.array(hostOutcomeSchema),
  failure: stepFailureSchema.nullable(),
  wayBack: wayBackSchema.nullable(),
  startedAt: z.string(),
  endedAt: z.string(),
  durationMs: z.number(),
});
export type DeployOutcome = z.infer<typeof deployOutcomeSchema>;

/** What `info.json` inside `<path>/.cockpit-lock` holds. */
export const lockInfoSchema = z.object({
  who: z.string(),
  /** ISO time the lock was taken. */
  when: z.string(),
  /** e.g. `deploy 20250101T120000Z-8b71ff7` or `rollback`. */
  what: z.string(),
  why: z.string(),
  /** The machine the cockpit ran on. */
  from: z.string(),
  /** Identifies the holder, so a run releases only its own lock. */
  token: z.string(),
  /**
   * The process that took it, so a lock left by a run of this machine that no longer exists can be told apart:
   * its pid, the machine's boot (Linux boot_id, else the boot time), and the process's start time.
   */
  pid: z.number().int().optional(),
  bootId: z.string().optional(),
  processStart: z.string().optional(),
});
export type LockInfo = z.infer<typeof lockInfoSchema>;

export const hostLockSchema = z.object({
  host: z.string(),
  held: z.boolean(),
  info: lockInfoSchema.partial().nullable(),
  /** Set when the host could not be asked. */
  error: z.string().nullable(),
  /** Why the lock is stale (its run on this machine is gone), in words; absent or null when it is not. */
  stale: z.string().nullable().optional(),
});
export type HostLock = z.infer<typeof hostLockSchema>;

export const lockStatusSchema = z.object({
  service: z.string(),
  environment: z.string(),
  path: z.string(),
  hosts: z.array(hostLockSchema),
});
export type LockStatus = z.infer<typeof lockStatusSchema>;

export const releaseInfoSchema = z.object({
  id: z.string(),
  ref: z.string().nullable(),
  createdAt: z.string().nullable(),
  /** When it first passed its health gate. */
  goodAt: z.string().nullable(),
  bad: z.object({ at: z.string().nullable(), reason: z.string() }).nullable(),
  /** Hosts that have this release directory. */
  hosts: z.array(z.string()),
  /** Hosts whose `current` points at it. */
  currentOn: z.array(z.string()),
  /** e.g. "3 days ago · 8b71ff7 · healthy for 3 days, until 15 min ago". */
  label: z.string(),
});
export type ReleaseInfo = z.infer<typeof releaseInfoSchema>;

export const deployRecordSchema = z.object({
  id: z.string(),
  kind: z.enum(['deploy', 'rollback']),
  releaseId: z.string().nullable(),
  ref: z.string().nullable(),
  /** The full sha of the git commit deployed, when the release was built from a git ref by this cockpit. */
  commit: z.string().nullable(),
  actor: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  result: z.enum(deployResults),
  /** cockpit: this app's journal; audit: a teammate's cockpit (the host's audit log); host: found on the hosts only. */
  source: z.enum(['cockpit', 'audit', 'host']),
  /** Made outside this app. */
  external: z.boolean(),
  /** Some host was switched to it (false when it stopped before: locked, unreachable, failed to prepare). */
  wentLive: z.boolean(),
  hosts: z.array(z.string()),
  summary: z.string().nullable(),
  /** The cockpit stopped mid-run (killed, crashed): `hostStates` says where each host stood as last recorded. */
  interrupted: z.boolean().optional(),
  hostStates: z.array(hostOutcomeSchema).optional(),
  /**
   * A rollback drill's run (the drill's id): practice, kept apart — never counted in DORA figures, never marking a
   * release good or bad. Known from this journal and from the host's audit log (a teammate's drill too).
   */
  practice: z.string().nullable().optional(),
});
export type DeployRecord = z.infer<typeof deployRecordSchema>;

export const doraSchema = z.object({
  windowDays: z.number(),
  deploys: z.number(),
  deploysPerWeek: z.number(),
  failedChanges: z.number(),
  /** 0..1; null when there were no deploys. */
  changeFailureRate: z.number().nullable(),
  /** Median time from a failed change to healthy again; null when nothing failed (or nothing was restored). */
  timeToRestoreMs: z.number().nullable(),
  restores: z.number(),
});
export type DoraFigures = z.infer<typeof doraSchema>;

export const deployHistorySchema = z.object({
  service: z.string(),
  environment: z.string(),
  records: z.array(deployRecordSchema),
  releases: z.array(releaseInfoSchema),
  /** The release every reachable host runs, or null when they disagree (see `currentByHost`). */
  current: z.string().nullable(),
  currentByHost: z.array(z.object({ host: z.string(), release: z.string().nullable() })),
  lastGood: z.string().nullable(),
  /** Default rollback target and the alternatives, newest first. */
  rollbackTarget: z.string().nullable(),
  unreachable: z.array(z.object({ host: z.string(), message: z.string() })),
  /** The deploy lock of each reachable host, as read with the releases (held by a run or by a teammate). */
  locks: z.array(hostLockSchema),
  dora: doraSchema,
});
export type DeployHistory = z.infer<typeof deployHistorySchema>;

/**
 * Why a run stopped before it changed anything, in a form the UI can act on: a lock to wait for or force-release,
 * a host key to look at and trust (or, when it changed, to refuse loudly), a host that could not be reached.
 */
export const runProblemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('locked'),
    locks: z.array(
      z.object({
        host: z.string(),
        info: lockInfoSchema.partial().nullable(),
        /** Why the lock is stale (its run on this machine is gone), when it is. */
        stale: z.string().nullable().optional(),
      }),
    ),
  }),
  z.object({
    kind: z.literal('host-key-unknown'),
    host: z.string(),
    /** e.g. "deploy@10.0.0.5:22". */
    endpoint: z.string(),
    /** The name the key is recorded under in known_hosts (`[host]:port` for other ports). */
    knownHostsName: z.string(),
    keyType: z.string(),
    /** "SHA256:…", as `ssh-keygen -lf` prints it. */
    fingerprint: z.string(),
    /** The offered key itself, handed back to `deploys.trustHostKey` (a public key: not a secret). */
    keyBase64: z.string(),
  }),
  z.object({
    kind: z.literal('host-key-changed'),
    host: z.string(),
    endpoint: z.string(),
    knownHostsName: z.string(),
    keyType: z.string(),
    oldFingerprints: z.array(z.string()),
    newFingerprint: z.string(),
    /** Where the old key is recorded, and the command that removes it once the change is understood. */
    knownIn: z.array(z.object({ file: z.string(), line: z.number() })),
    resolve: z.array(z.string()),
  }),
  z.object({
    kind: z.literal('unreachable'),
    host: z.string().nullable(),
    /** The transport's error kind: auth-failed, refused, timeout, dns, … */
    transport: z.string().nullable(),
    message: z.string(),
  }),
]);
export type RunProblem = z.infer<typeof runProblemSchema>;

/** Live events of a run (deploy, rollback, any runbook): what the log view shows, tail first. */
export const runEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run.started'),
    runId: z.string(),
    kind: z.string(),
    title: z.string(),
    hosts: z.array(z.string()),
    at: z.string(),
    /** What it acts on and who, for deploys and rollbacks. */
    service: z.string().optional(),
    environment: z.string().optional(),
    actor: z.string().optional(),
  }),
  z.object({
    type: z.literal('step.started'),
    runId: z.string(),
    host: z.string().nullable(),
    step: z.string(),
    title: z.string(),
    command: z.string().nullable(),
    at: z.string(),
  }),
  z.object({
    type: z.literal('output'),
    runId: z.string(),
    host: z.string().nullable(),
    step: z.string(),
    stream: z.enum(['stdout', 'stderr']),
    text: z.string(),
  }),
  z.object({
    type: z.literal('step.ended'),
    runId: z.string(),
    host: z.string().nullable(),
    step: z.string(),
    title: z.string(),
    command: z.string().nullable(),
    ok: z.boolean(),
    exitCode: z.number().nullable(),
    durationMs: z.number(),
    error: z.string().nullable(),
  }),
  z.object({
    type: z.literal('run.ended'),
    runId: z.string(),
    status: z.enum(['succeeded', 'failed', 'cancelled']),
    summary: z.string(),
    outcome: deployOutcomeSchema.nullable(),
    /** Set when the run stopped before changing anything for a reason the person can act on. */
    problem: runProblemSchema.nullable().optional(),
  }),
]);
export type RunEvent = z.infer<typeof runEventSchema>;
