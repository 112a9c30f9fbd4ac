import { z } from 'zod';
import { name, timeout } from './units';

/**
 * The failures every lean team should have written down before 10 PM (the playbooks' list), so the readiness
 * scorecard can tell which are covered: a runbook says which it answers with `covers:`.
 */
export const commonFailures = [
  'database-connections',
  'certificate-expiry',
  'deploy-rollback',
  'disk-full',
  'vendor-contacts',
] as const;
export type CommonFailure = (typeof commonFailures)[number];

/**
 * One step of a runbook, run by the same engine as deploys (timeouts, cancel, live log, journal):
 * - `run`: a command on the service's hosts in the environment (`on: each`, default, one host after the other;
 *   `on: first`, only the first host). `${placeholders}` (the environment's `vars`, `service`, `environment`,
 *   `host`) are filled and quoted by the engine.
 * - `confirm`: a question a person answers yes or no before the runbook goes on.
 * - `gate`: the named health checks (default: the service's critical ones) must pass before it goes on.
 */
export const runbookStepSchema = z.union([
  z.strictObject({
    run: z.string().trim().min(1),
    title: z.string().trim().min(1).max(200).optional(),
    on: z.enum(['each', 'first']).default('each'),
    timeout: timeout.optional(),
    /** Exit codes that count as success (default [0]). */
    ok: z.array(z.number().int().min(0).max(255)).min(1).optional(),
  }),
  z.strictObject({
    confirm: z.string().trim().min(1).max(500),
  }),
  z.strictObject({
    /** Check ids of the runbook's service; `[]` means its critical checks (else all). */
    gate: z.array(name),
    title: z.string().trim().min(1).max(200).optional(),
    timeout: timeout.optional(),
  }),
]);
export type RunbookStepConfig = z.output<typeof runbookStepSchema>;

/**
 * A runbook (`runbooks:` at the top of the workspace): what to do when a known failure happens, as buttons. Its doc
 * (Markdown, beside the workspace file) explains; its steps do. `for` names the health checks whose failure it
 * answers: the check, its alerts and the Overview's next action offer it.
 */
export const runbookSchema = z.strictObject({
  id: name,
  title: z.string().trim().min(1).max(120),
  /** Whose hosts the steps run on and whose checks gate them. */
  service: name,
  /** Where it may run (default: every environment the service runs in). */
  environments: z.array(name).optional(),
  /** A Markdown file, relative to the workspace file. */
  doc: z.string().trim().min(1).max(500).optional(),
  /** Health check ids of the service whose failure this runbook answers. */
  for: z.array(name).default([]),
  /** The common failures it answers (the readiness scorecard counts them). */
  covers: z.array(z.enum(commonFailures)).default([]),
  /** Steps in order. A runbook without steps is a document only (e.g. vendor contacts). */
  steps: z.array(runbookStepSchema).default([]),
});
export type RunbookConfig = z.output<typeof runbookSchema>;

/** The readiness scorecard's settings: `cockpit scorecard` exits 1 below `threshold` (0–100), so CI can gate on it. */
export const readinessSchema = z.strictObject({
  threshold: z.number().int().min(0).max(100).default(70),
});
export type ReadinessConfig = z.output<typeof readinessSchema>;
