/**
 * The workspace file (`cockpit.yaml`): the team's infrastructure as code. This schema is the one truth used by
 * the Node side to validate, by the UI for forms and docs, and by the README.
 */
import { z } from 'zod';
import { alertsSchema } from './alerts';
import { backupSchema } from './backups';
import { costSchema } from './cost';
import { deploySchema } from './deploy';
import { rollbackDrillSchema } from './drills';
import { environmentsSchema } from './environments';
import { healthCheckSchema, sloSchema } from './health';
import { hostSchema } from './hosts';
import { readinessSchema, runbookSchema } from './runbooks';
import { name } from './units';

export const WORKSPACE_VERSION = 1;

export const serviceSchema = z.strictObject({
  description: z.string().optional(),
  /** Environments this service runs in (default: all). */
  environments: z.array(name).optional(),
  deploy: deploySchema.optional(),
  health: z.array(healthCheckSchema).default([]),
  slo: sloSchema.optional(),
  backups: z.array(backupSchema).default([]),
  /** The guided rollback drill: practise breaking and rolling back this service, measured. */
  drill: rollbackDrillSchema.optional(),
});
export type ServiceConfig = z.output<typeof serviceSchema>;

export const workspaceSchema = z.strictObject({
  version: z.literal(WORKSPACE_VERSION, { error: `expected "version: ${WORKSPACE_VERSION}"` }),
  name: z.string().min(1),
  description: z.string().optional(),
  environments: environmentsSchema,
  hosts: z.record(name, hostSchema).default({}),
  services: z.record(name, serviceSchema).default({}),
  cost: costSchema.optional(),
  alerts: alertsSchema.default({ desktop: true }),
  /** What to do when a known failure happens, as buttons: steps run by the deploy engine, a Markdown doc beside them. */
  runbooks: z.array(runbookSchema).default([]),
  /** The readiness scorecard's threshold. */
  readiness: readinessSchema.default({ threshold: 70 }),
});
export type Workspace = z.output<typeof workspaceSchema>;
export type WorkspaceInput = z.input<typeof workspaceSchema>;

export * from './units';
export * from './hosts';
export * from './environments';
export * from './deploy';
export * from './health';
export * from './backups';
export * from './drills';
export * from './runbooks';
export * from './cost';
export * from './alerts';
