import { z } from 'zod';
import { name } from './units';

/** An environment: its hosts (by name, from `hosts:`), variables for `${var}` in commands and URLs. */
export const environmentSchema = z.strictObject({
  hosts: z.array(name).default([]),
  vars: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
  /**
   * Deploy, rollback and restore ask for the environment's name to be typed. Default: on for an environment
   * named `production` (any case), off for the others; `protected: false` turns it off explicitly.
   */
  protected: z.boolean().optional(),
  description: z.string().optional(),
});
export type EnvironmentConfig = Omit<z.output<typeof environmentSchema>, 'protected'> & { protected: boolean };

/** Production is where a slip costs the most: it is protected unless the file says otherwise, in so many words. */
export function protectedByDefault(environment: string): boolean {
  return environment.toLowerCase() === 'production';
}

/** `environments:` — each environment with `protected` decided (its own setting, else by its name). */
export const environmentsSchema = z
  .record(name, environmentSchema)
  .transform((envs): Record<string, EnvironmentConfig> =>
    Object.fromEntries(
      Object.entries(envs).map(([env, config]) => [
        env,
        { ...config, protected: config.protected ?? protectedByDefault(env) },
      ]),
    ),
  );
