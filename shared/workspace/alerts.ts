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
    // Real clock times only: "25:00-99:99" used to pass here and only fail when the alert rules read it.
    .regex(
      /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/,
      'expected "HH:MM-HH:MM" with times from 00:00 to 23:59, such as "22:00-07:00"',
    )
    .optional(),
});
export type AlertsConfig = z.output<typeof alertsSchema>;
