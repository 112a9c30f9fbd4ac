import { z } from 'zod';
import { name } from './units';

/** An environment: its hosts (by name, from `hosts:`), variables for `${var}` in commands and URLs. */
export const environmentSchema = z.strictObject({
  hosts: z.array(name).default([]),
  vars: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
  /** Production: deploy, rollback and restore ask for the environment's name to be typed. */
  protected: z.boolean().default(false),
  description: z.string().optional(),
});
export type EnvironmentConfig = z.output<typeof environmentSchema>;
