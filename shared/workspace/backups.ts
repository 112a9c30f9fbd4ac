import { z } from 'zod';
import { duration, name, percent, timeout } from './units';

/**
 * A backup and what proves it good: where the copies land (source), how fresh they must be (rpo), how many there
 * must be, what checks their integrity, and a restore drill that proves they restore. Placeholders such as {file}
 * are quoted by the engine, never pasted raw. Secrets (a restic password) are references, never values.
 */

/** `env:NAME`, `keychain:NAME`, or an absolute path to a password file on the machine that runs restic. */
export const passwordRef = z
  .string()
  .regex(
    /^((env|keychain):[A-Za-z0-9_.-]+|\/.+)$/,
    'expected a reference such as "env:RESTIC_PASSWORD", "keychain:restic" or a password file such as /etc/restic/password (never the password itself)',
  );

/** A shell glob of file names (no slash): `*.dump`, `orders-*.sql.gz`. */
const fileGlob = z
  .string()
  .min(1)
  .regex(/^[^/]+$/, 'expected a file-name pattern such as "*.dump" (no "/"; put the folder in `dir`)');

export const dirSourceSchema = z.strictObject({
  /** The folder holding the copies, on `host` (SSH), or on this machine when `host` is left out. */
  dir: z
    .string()
    .regex(/^(\/|~\/)/, 'expected an absolute path such as /var/backups/orders (or ~/backups on the host)'),
  host: name.optional(),
  match: fileGlob.default('*'),
});

export const s3SourceSchema = z.strictObject({
  s3: z.string().regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,62}(\/.*)?$/, 'expected s3://bucket/prefix/'),
  profile: z.string().optional(),
  region: z.string().optional(),
  match: fileGlob.optional(),
});

export const resticSourceSchema = z.strictObject({
  /** The repository as restic names it: /srv/restic, sftp:user@host:/path, s3:https://…/bucket/path. */
  restic: z.string().min(1),
  password: passwordRef,
  /** Where restic runs (it must be installed there); this machine when left out. */
  host: name.optional(),
  /** Only snapshots with this tag (e.g. the one database this backup is about). */
  tag: z.string().optional(),
  /** `restic check --read-data-subset` on each verification, e.g. "1/5" or "10%"; off when left out. */
  readDataSubset: z
    .string()
    .regex(/^(\d+\/\d+|\d+(\.\d+)?%)$/, 'expected "1/5" or "10%"')
    .optional(),
});

export const pgbackrestSourceSchema = z.strictObject({
  pgbackrest: name,
  /** Where pgBackRest runs (the repository host); this machine when left out. */
  host: name.optional(),
  /** Its configuration file, when not /etc/pgbackrest.conf. */
  config: z.string().startsWith('/', 'expected an absolute path').optional(),
  /** Run as this user (pgBackRest refuses root): `sudo -u USER` is put in front. */
  user: name.optional(),
});

export const commandSourceSchema = z.strictObject({
  /** Prints a JSON list: [{ "id", "time", "size"?, "location"? }] (see docs/workspace-format.md). */
  command: z.string().min(1),
  host: name.optional(),
});

export const backupSourceSchema = z.union(
  [dirSourceSchema, s3SourceSchema, resticSourceSchema, pgbackrestSourceSchema, commandSourceSchema],
  { error: 'expected a source with one of dir, s3, restic, pgbackrest or command' },
);
export type BackupSourceConfig = z.output<typeof backupSourceSchema>;
export type BackupSourceKind = 'dir' | 's3' | 'restic' | 'pgbackrest' | 'command';

export function sourceKindOf(source: BackupSourceConfig): BackupSourceKind {
  if ('dir' in source) return 'dir';
  if ('s3' in source) return 's3';
  if ('restic' in source) return 'restic';
  if ('pgbackrest' in source) return 'pgbackrest';
  return 'command';
}

/** What a smoke check's output must show. Numbers are read from the output's last non-empty line. */
export const expectSchema = z
  .strictObject({
    atLeast: z.number().optional(),
    atMost: z.number().optional(),
    equals: z.string().optional(),
    contains: z.string().optional(),
    match: z
      .string()
      .refine((text) => {
        try {
          new RegExp(text);
          return true;
        } catch {
          return false;
        }
      }, 'expected a regular expression')
      .optional(),
    /** The output is a time (the newest row's): it is the data's age for "RPO achieved", and must be within this. */
    newerThan: duration.optional(),
  })
  .refine(
    (e) => Object.values(e).some((v) => v !== undefined),
    'expected at least one of atLeast, atMost, equals, contains, match, newerThan',
  );
export type SmokeExpect = z.output<typeof expectSchema>;

export const smokeCheckSchema = z.union([
  z
    .string()
    .min(1)
    .transform((run) => ({ run, name: undefined, expect: undefined, dataTime: false })),
  z
    .strictObject({
      name: z.string().min(1).optional(),
      run: z.string().min(1),
      expect: expectSchema.optional(),
      /** The output is the newest data's time (e.g. `select max(created_at) from orders`): RPO achieved uses it. */
      dataTime: z.boolean().default(false),
    })
    .transform((c) => ({
      run: c.run,
      name: c.name,
      expect: c.expect,
      dataTime: c.dataTime || c.expect?.newerThan !== undefined,
    })),
]);
export type SmokeCheckConfig = z.output<typeof smokeCheckSchema>;

/** `newest`, or `random-of-last-N`: each drill restores a random one of the N newest copies, so each gets a turn. */
export const copyChoiceSchema = z
  .string()
  .regex(
    /^(newest|random-of-last-([1-9]\d{0,2}))$/,
    'expected "newest" or "random-of-last-N", such as "random-of-last-7"',
  )
  .default('newest');

export const drillSchema = z.strictObject({
  host: name,
  /** Which copy a drill restores by default. */
  copy: copyChoiceSchema,
  /**
   * The scratch target's name, filled in for {scratch}: a database or folder name. `{run}` in it becomes the drill's
   * short id, so two drills never share one. Default `cockpit_drill_{run}`.
   */
  scratch: z
    .string()
    .regex(/^[A-Za-z0-9_./{}-]+$/, 'expected letters, digits, "_", "-", "." or "/" (and {run})')
    .default('cockpit_drill_{run}'),
  /** Before anything is restored: exits 0 when the scratch target is free (e.g. no database of that name yet). */
  preflight: z.string().min(1).optional(),
  restore: z.string().min(1),
  checks: z.array(smokeCheckSchema).default([]),
  /** Always runs after a restore was attempted: after success, failure and cancel. */
  teardown: z.string().min(1).optional(),
  rto: timeout.default(30 * 60_000),
  every: duration.default(90 * 86_400_000),
  /** Each step's time limit (the restore of a big database may need longer). */
  stepTimeout: timeout.default(30 * 60_000),
});
export type DrillConfig = z.output<typeof drillSchema>;

export const backupSchema = z.strictObject({
  id: name,
  description: z.string().optional(),
  source: backupSourceSchema,
  /** The newest copy must be younger than this (recovery point objective). */
  rpo: duration.default(26 * 3_600_000),
  /** Fewer copies than this breaks a promise (retention went wrong, or backups stopped long ago). */
  minCopies: z.number().int().min(1).max(10_000).default(1),
  /** The newest copy smaller than this share (in %) of the median of the copies before it is flagged as a shrink. */
  shrink: percent.default(50),
  /** An integrity command run on the newest copy, where the source's copies live; {file} is quoted by the engine. */
  verify: z.string().min(1).optional(),
  /** How often verification runs in the app (the CLI runs it when asked). */
  every: duration.default(3_600_000),
  drill: drillSchema.optional(),
});
export type BackupConfig = z.output<typeof backupSchema>;

/** The source in words, the same in the app, the CLI and reports: "demo-stg:~/backups/orders (*.dump)". */
export function describeBackupSource(source: BackupSourceConfig): string {
  const on = (host: string | undefined) => (host ? `${host}:` : '');
  if ('dir' in source) return `${on(source.host)}${source.dir}${source.match === '*' ? '' : ` (${source.match})`}`;
  if ('s3' in source) {
    const extras = [source.profile && `profile ${source.profile}`, source.match].filter(Boolean);
    return extras.length ? `${source.s3} (${extras.join(', ')})` : source.s3;
  }
  if ('restic' in source)
    return `restic ${source.restic}${source.tag ? ` (tag ${source.tag})` : ''}${source.host ? ` on ${source.host}` : ''}`;
  if ('pgbackrest' in source) return `pgBackRest stanza ${source.pgbackrest}${source.host ? ` on ${source.host}` : ''}`;
  return source.host ? `${source.command} (on ${source.host})` : source.command;
}
