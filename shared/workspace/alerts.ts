import { z } from 'zod';

/** A reference to a secret kept outside the file: an environment variable or the OS keychain. */
export const secretRef = z
  .string()
  .regex(
    /^(env|keychain):[A-Za-z0-9_.-]+$/,
    'expected a reference such as "env:COCKPIT_SLACK_WEBHOOK" or "keychain:slack"',
  );

export const alertsSchema = z.strictObject({
  desktop: z.boolean().default(true),
  slack: z.strictObject({ webhook: secretRef, channel: z.string().optional() }).optional(),
  /** Non-critical alerts wait until this window ends, e.g. "22:00-07:00". */
  quietHours: z
    .string()
    .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, 'expected "HH:MM-HH:MM"')
    .optional(),
});
export type AlertsConfig = z.output<typeof alertsSchema>;
