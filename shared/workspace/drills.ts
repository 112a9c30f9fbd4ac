import { z } from 'zod';
import { duration, name, timeout } from './units';

/**
 * A service's guided rollback drill (`services.<s>.drill`): where it is practised, how the failure is injected
 * (a release known to be broken, or the team's own `break:` command with its `heal:`), which checks must notice
 * it, how many passes in a row prove recovery, and the team's targets for detecting and recovering.
 */
export const rollbackDrillSchema = z
  .strictObject({
    /** Where the drill runs. Default: an environment named `staging` the service runs in, else the first unprotected one. */
    environment: name.optional(),
    /** A ready-made release (from the service's artifacts folder, or a script deploy's release name) that fails its checks. */
    breakRelease: z.string().trim().min(1).max(100).optional(),
    /** Or the team's own command that breaks the service on every host of the environment … */
    break: z.string().min(1).optional(),
    /** … and the one that heals it (the drill's recovery and its cancel). */
    heal: z.string().min(1).optional(),
    /** Health check ids that must notice the failure. Default: the service's critical checks, else all of them. */
    watch: z.array(name).optional(),
    /** Passes in a row of every watched check that prove the service recovered. */
    passes: z.number().int().min(1).max(20).default(3),
    /** What the team aims for: failure to detection, and "Roll back now" to healthy again. */
    targets: z
      .strictObject({
        detect: duration.default(5 * 60_000),
        recover: duration.default(15 * 60_000),
      })
      .default({ detect: 5 * 60_000, recover: 15 * 60_000 }),
    /** Give up when nothing noticed the failure within this long: the drill says so, and heals. */
    detectTimeout: timeout.default(10 * 60_000),
    /** Send the drill's alerts to the desktop and Slack too (marked practice). Default: recorded only. */
    notify: z.boolean().default(false),
    /** A reminder when no drill of this service passed within this long (e.g. 90d). */
    every: duration.optional(),
  })
  .superRefine((drill, ctx) => {
    const ways = [drill.breakRelease !== undefined, drill.break !== undefined].filter(Boolean).length;
    if (ways !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected exactly one way to break the service: "breakRelease: v1.6.0", or "break:" with "heal:"',
      });
    }
    if (drill.break !== undefined && drill.heal === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['heal'],
        message: 'a "break:" command needs a "heal:" command that undoes it',
      });
    }
    if (drill.heal !== undefined && drill.break === undefined) {
      ctx.addIssue({ code: 'custom', path: ['break'], message: '"heal:" belongs with a "break:" command' });
    }
  });
export type RollbackDrillConfig = z.output<typeof rollbackDrillSchema>;
