/**
 * Runbooks as the screens and the CLI see them: what a runbook is for, its steps as they will run (placeholders
 * filled for the environment asked), its Markdown doc, and its runs. A run is a run of the deploy engine: its live
 * log is the same RunEvent stream as a deploy's.
 */
import { z } from 'zod';
import { commonFailures } from '../workspace/runbooks';
import { runEventSchema, stepFailureSchema } from './deploys';

export const runbookRunStatuses = ['running', 'succeeded', 'failed', 'cancelled'] as const;

/** A run of a runbook, as lists and the incident timeline show it. */
export const runbookRunSchema = z.object({
  runId: z.string(),
  runbookId: z.string(),
  title: z.string(),
  service: z.string(),
  environment: z.string(),
  actor: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  status: z.enum(runbookRunStatuses),
  /** "Restarted the worker on 2 hosts in 4.1 s", or what failed: host, command, exit code. */
  summary: z.string().nullable(),
  failure: stepFailureSchema.nullable(),
  /** The incident open on that service × environment when it ran (its timeline shows the run). */
  incidentId: z.string().nullable(),
});
export type RunbookRun = z.infer<typeof runbookRunSchema>;

export const runbookSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  service: z.string(),
  environments: z.array(z.string()),
  /** Health check ids whose failure it answers. */
  for: z.array(z.string()),
  covers: z.array(z.enum(commonFailures)),
  steps: z.number().int(),
  /** The doc's path as written in the workspace, or null. */
  doc: z.string().nullable(),
  lastRun: runbookRunSchema.nullable(),
});
export type RunbookSummary = z.infer<typeof runbookSummarySchema>;

/** A step as it will run in one environment: the command with placeholders filled, on which hosts. */
export const runbookStepViewSchema = z.object({
  index: z.number().int(),
  kind: z.enum(['run', 'confirm', 'gate']),
  title: z.string(),
  /** run: the command as it will run (placeholders filled and quoted); confirm: the question; gate: the checks. */
  text: z.string(),
  hosts: z.array(z.string()),
});
export type RunbookStepView = z.infer<typeof runbookStepViewSchema>;

export const runbookDetailSchema = runbookSummarySchema.extend({
  /** The environment the steps are shown for. */
  environment: z.string(),
  protected: z.boolean(),
  stepViews: z.array(runbookStepViewSchema),
  /** The doc's Markdown text (raw: the renderer sanitizes it), or null without a doc. */
  docMarkdown: z.string().nullable(),
  /** Why the doc could not be read ("runbooks/restart-worker.md: no such file"), or null. */
  docProblem: z.string().nullable(),
  /** Newest first. */
  runs: z.array(runbookRunSchema),
});
export type RunbookDetail = z.infer<typeof runbookDetailSchema>;

export const runbookRunLogSchema = z.object({
  run: runbookRunSchema,
  events: z.array(runEventSchema),
  truncated: z.boolean(),
});
export type RunbookRunLog = z.infer<typeof runbookRunLogSchema>;
