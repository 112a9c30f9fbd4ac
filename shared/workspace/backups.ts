import { z } from 'zod';
import { duration, name, timeout } from './units';

/**
 * A backup and what proves it good: where the copies land (source), how fresh they must be (rpo), an integrity
 * command, and a restore drill. Placeholders such as {file} are quoted by the engine, never pasted raw.
 */
export const backupSourceSchema = z.union(
  [
    z.strictObject({
      s3: z.string().startsWith('s3://', 'expected s3://bucket/prefix/'),
      profile: z.string().optional(),
    }),
    z.strictObject({
      dir: z.string().startsWith('/', 'expected an absolute path on the host, such as /var/backups/orders'),
      host: name,
    }),
    z.strictObject({ command: z.string(), host: name.optional() }),
  ],
  { error: 'expected a source with one of s3, dir (with host) or command' },
);

export const backupSchema = z.strictObject({
  id: name,
  description: z.string().optional(),
  source: backupSourceSchema,
  rpo: duration.default(26 * 3_600_000),
  verify: z.string().optional(),
  drill: z
    .strictObject({
      host: name,
      restore: z.string(),
      checks: z.array(z.string()).default([]),
      teardown: z.string().optional(),
      rto: timeout.default(30 * 60_000),
      every: duration.default(90 * 86_400_000),
    })
    .optional(),
});
export type BackupConfig = z.output<typeof backupSchema>;
