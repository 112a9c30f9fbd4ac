/**
 * The sample account the demo replays: its services, their daily spend and tag split, growth and the changes that
 * make a month worth reviewing. Read from `<replay dir>/account.json` and checked, so a typo in the sample file
 * fails with the field named rather than with odd figures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describeZodError } from '../../../shared/rpc';

const share = z.number().min(0).max(1);

export const replayServiceSchema = z.object({
  name: z.string().min(1),
  /** Typical spend per day, USD. */
  daily: z.number().nonnegative(),
  /** A charge on the 1st of each month (hosted zones, support plans…). */
  monthly: z.number().nonnegative().default(0),
  /** Day-to-day variation, as a fraction (0.1 = ±10 %). */
  noise: z.number().min(0).max(1).default(0.05),
  /** Factor on Saturdays and Sundays (UTC). */
  weekend: z.number().nonnegative().default(1),
  /** Overrides the account's monthly growth. */
  monthlyGrowth: z.number().min(-0.5).max(1).optional(),
  /** The service starts in this month (0 = current, -1 = last month…), on `sinceDay`. */
  sinceMonthOffset: z.number().int().max(0).optional(),
  sinceDay: z.number().int().min(1).max(31).default(1),
  /** Per tag key, the share of each value; what is left is untagged. */
  tags: z
    .record(z.string(), z.record(z.string().min(1), share))
    .default({})
    .refine(
      (tags) => Object.values(tags).every((values) => Object.values(values).reduce((a, b) => a + b, 0) <= 1.000001),
      {
        error: 'the shares of a tag key add up to more than 1',
      },
    ),
});
export type ReplayService = z.output<typeof replayServiceSchema>;

export const replayChangeSchema = z.object({
  service: z.string(),
  monthOffset: z.number().int().max(0),
  fromDay: z.number().int().min(1).max(31).default(1),
  factor: z.number().nonnegative(),
  /** Keeps applying in every later month (a reserved instance, a migration). */
  sticky: z.boolean().default(false),
});

/** A runaway stretch of one service: `factor` × its usual spend for `days` days, then back to normal. */
export const replaySpikeSchema = z.object({
  service: z.string(),
  monthOffset: z.number().int().max(0),
  fromDay: z.number().int().min(1).max(31),
  days: z.number().int().min(1).max(31),
  factor: z.number().nonnegative(),
});

export const replayAccountSchema = z.object({
  seed: z.string().min(1),
  accountId: z.string().regex(/^\d{12}$/),
  currency: z.string().length(3).default('USD'),
  monthlyGrowth: z.number().min(-0.5).max(1).default(0),
  /** Days (today included) that AWS still marks as estimated. */
  estimatedDays: z.number().int().min(0).max(31).default(3),
  services: z.array(replayServiceSchema).min(1),
  changes: z.array(replayChangeSchema).default([]),
  spikes: z.array(replaySpikeSchema).default([]),
});
export type ReplayAccount = z.output<typeof replayAccountSchema>;

export const ACCOUNT_FILE = 'account.json';

export function parseReplayAccount(json: unknown, where = ACCOUNT_FILE): ReplayAccount {
  const parsed = replayAccountSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${where}: ${describeZodError(parsed.error).message}`);
  return parsed.data;
}

export function loadReplayAccount(dir: string): ReplayAccount {
  const file = join(dir, ACCOUNT_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    // The path is already in the message; node's "ENOENT: …, open '<path>'" would only say it twice.
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const reason =
      code === 'ENOENT'
        ? 'there is no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : error instanceof Error
            ? error.message
            : String(error);
    throw new Error(
      `cannot read the replayed cost samples ${file}: ${reason}. Point cost.aws.replay at a folder holding ` +
        `${ACCOUNT_FILE}, or remove replay to read the AWS account itself.`,
      { cause: error },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return parseReplayAccount(json, file);
}
