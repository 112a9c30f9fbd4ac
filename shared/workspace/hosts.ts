import { z } from 'zod';

/**
 * A host the cockpit runs commands on. `ssh` is "user@host", "host" or an alias from ~/.ssh/config (which may
 * supply User, Port, IdentityFile and ProxyJump); `local: true` runs on this machine (the demo, local scripts).
 * Keys and passwords never appear here: SSH uses the agent, ~/.ssh/config and key files.
 */
export const hostSchema = z
  .strictObject({
    ssh: z.string().min(1).optional().describe('user@host, host, or an alias from ~/.ssh/config'),
    local: z.literal(true).optional().describe('run commands on this machine instead of over SSH'),
    port: z.number().int().min(1).max(65535).optional(),
    user: z.string().min(1).optional(),
    identityFile: z.string().min(1).optional().describe('path to a private key file (never the key itself)'),
    jump: z.string().min(1).optional().describe('a ProxyJump host: user@host[:port] or an alias'),
    root: z
      .string()
      .min(1)
      .optional()
      .describe(
        "local hosts only: a folder that acts as this host's home (~), relative to the cockpit's data folder; keeps several pretend hosts on one machine apart (the demo)",
      ),
    concurrency: z.number().int().min(1).max(64).optional().describe('at most this many commands at once'),
    labels: z.record(z.string(), z.string()).optional(),
    /**
     * Values that differ per host, for `${name}` in health checks (`{ addr: 10.0.3.5, port: 8080 }`). A check that
     * uses one (or `${host}`, the host's name) runs once per host of the environment; host vars win over the
     * environment's.
     */
    vars: z
      .record(z.string(), z.union([z.string(), z.number()]).transform(String))
      .optional()
      .describe("values for ${name} in this host's health checks, e.g. { addr: 10.0.3.5, port: 8080 }"),
  })
  .refine((h) => (h.ssh === undefined) !== (h.local === undefined), {
    message: 'a host needs exactly one of "ssh: user@host" or "local: true"',
  })
  .refine((h) => h.root === undefined || h.local === true, {
    message: '"root" is for local hosts only (an SSH host has its own home)',
    path: ['root'],
  });
export type HostConfig = z.output<typeof hostSchema>;
