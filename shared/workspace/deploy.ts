import { z } from 'zod';
import { name, timeout } from './units';

/**
 * How a service is deployed. `releases`: releases/<id>/ under `path`, shared/ links, an atomic `current` switch,
 * a restart, a health gate and automatic rollback. `script`: the team's own commands, wrapped with the same lock,
 * journal, live log and health gate.
 */
const common = {
  /** Health check ids that must pass after the switch, or the release is rolled back. */
  gate: z.array(name).default([]),
  gateTimeout: timeout.default(120_000),
  /** Hosts switched at once (a rolling batch). */
  batch: z.number().int().min(1).default(1),
  /** Longest any single step may run. */
  stepTimeout: timeout.default(600_000),
  /**
   * A local folder of ready-made releases (where CI drops builds), relative to the workspace file: each
   * sub-folder or `.tar.gz` in it is one release, offered by name in the Deploy dialog and to `--release NAME`.
   * The `releases` strategy uploads the chosen one; the `script` strategy passes its name as `${release}`.
   */
  artifacts: z.string().min(1).optional(),
};

/** A directory on the host: absolute, or under the login user's home (`~/apps/api`). */
const hostPath = z
  .string()
  .refine(
    (p) => p.startsWith('/') || p.startsWith('~/'),
    'expected an absolute path on the host, such as /srv/api or ~/apps/api',
  )
  .refine((p) => !/(^|\/)\.\.(\/|$)/.test(p), 'expected a path without ".."');

/** A path inside a release directory: relative, never climbing out of it. */
const releasePath = z
  .string()
  .min(1)
  .refine(
    (p) => !p.startsWith('/') && !/(^|\/)\.\.(\/|$)/.test(p),
    'expected a relative path inside the release, without ".."',
  );

export const releasesDeploySchema = z.strictObject({
  strategy: z.literal('releases'),
  path: hostPath,
  keep: z.number().int().min(2).max(100).default(5),
  /** What to ship: a local directory (relative to the workspace file) built by `run`, uploaded file by file. */
  build: z
    .strictObject({
      run: z.string().optional(),
      dir: z.string().default('.'),
      upload: z.array(z.string()).min(1, 'list at least one file or directory to upload'),
    })
    .optional(),
  /** Paths under releases/<id> linked to shared/<path>, so data survives a switch. */
  shared: z.array(releasePath).default([]),
  hooks: z
    .strictObject({
      beforeSwitch: z.string().optional(),
      afterSwitch: z.string().optional(),
    })
    .default({}),
  restart: z.string().optional(),
  ...common,
});

export const scriptDeploySchema = z.strictObject({
  strategy: z.literal('script'),
  deploy: z.string().describe('deploys ${release}; exit 0 on success'),
  rollback: z.string().describe('rolls back to ${release}'),
  list: z.string().optional().describe('prints one release id per line, newest first'),
  current: z.string().optional().describe('prints the current release id'),
  /** Where the deploy lock and the audit log live on each host (default ~/.cockpit/<service>). */
  path: hostPath.optional(),
  ...common,
});

export const deploySchema = z.discriminatedUnion('strategy', [releasesDeploySchema, scriptDeploySchema], {
  error: 'expected "strategy: releases" or "strategy: script"',
});
export type DeployConfig = z.output<typeof deploySchema>;
