/**
 * The built-in demo's controls. While the demo workspace is open in the app or serve mode, the cockpit runs one
 * small sandbox service per service × environment on this machine (127.0.0.1, the ports of the demo's
 * `${service}_port` variables); these calls break and heal them so a new user sees an alert and a recovery. With
 * any other workspace `demo.status` says the demo is not running and break/heal fail with NOT_FOUND.
 */
import { z } from 'zod';
import { defineEvent, defineMethod } from '../rpc';

export const demoModes = ['down', 'slow'] as const;

/** One sandbox process: a service in an environment. */
export const demoInstanceSchema = z.object({
  service: z.string(),
  environment: z.string(),
  port: z.number().int(),
  url: z.string(),
  /**
   * starting → running; stopped when the demo closed; failed when it could not start (see `problem`);
   * elsewhere: the port already answers as a demo sandbox of another cockpit, which the checks then reach.
   */
  state: z.enum(['starting', 'running', 'stopped', 'failed', 'elsewhere']),
  /** ok, or broken on purpose (down: readiness 503; slow: every answer waits); null when unknown. */
  mode: z.enum(['ok', 'down', 'slow']).nullable(),
  /** The release each pretend host of the environment runs (its `current`), null before the first deploy. */
  releases: z.array(z.object({ host: z.string(), release: z.string().nullable(), broken: z.boolean() })),
  /** Why it is not running, in words: "port 7201 on 127.0.0.1 is in use by another program". */
  problem: z.string().nullable(),
});
export type DemoInstance = z.infer<typeof demoInstanceSchema>;

export const demoStatusSchema = z.object({
  /** True while the demo workspace is open and its sandboxes are managed by this cockpit. */
  active: z.boolean(),
  instances: z.array(demoInstanceSchema),
  /** A sentence for the screen: "7 sandbox services run on this machine", or why none do. */
  note: z.string(),
});
export type DemoStatus = z.infer<typeof demoStatusSchema>;

const target = z.strictObject({
  service: z.string().min(1),
  environment: z.string().min(1),
});

export const demoMethods = {
  'demo.status': defineMethod(
    z.strictObject({}),
    demoStatusSchema,
    "The demo's sandbox services: which run, on which port, in which mode, with which release.",
  ),
  'demo.break': defineMethod(
    target.extend({ mode: z.enum(demoModes).default('down') }),
    demoStatusSchema,
    'Breaks one sandbox on purpose (down: readiness answers 503 and pages 500; slow: every answer takes 1.5 s). Journalled.',
  ),
  'demo.heal': defineMethod(target, demoStatusSchema, 'Heals a sandbox broken on purpose. Journalled.'),
} as const;

export const demoEvents = {
  'demo.changed': defineEvent(demoStatusSchema, 'A demo sandbox started, stopped, broke or healed.'),
} as const;
