/**
 * Small value types the workspace file uses everywhere: durations ("30s"), percentages ("80%"), money
 * ("400 USD"), names. Each parses to a plain value and says what it expected when it cannot.
 */
import { z } from 'zod';

const durationUnits: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses "800ms", "30s", "5m", "26h", "90d" (and "1h30m") into milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(?:\.\d+)?(ms|s|m|h|d))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const match of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) {
    total += Number(match[1]) * (durationUnits[match[2] ?? 's'] ?? 0);
  }
  return total;
}

/** Formats milliseconds back into the file's notation, for messages and forms. */
export function formatDuration(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

const DAY = 86_400_000;

/**
 * A duration in the file ("30s"), in milliseconds in code, at most `maxMs`. Without a ceiling
 * "99999999999999999999d" parses to 8.6e27 ms: a timer given that fires at once (Node clamps anything past
 * 2^31 - 1 ms to 1 ms), and date arithmetic with it yields Invalid Date.
 */
export function durationAtMost(maxMs: number) {
  const most = formatDuration(maxMs);
  return z.string({ error: 'expected a duration such as "30s", "5m", "26h" or "90d"' }).transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined || !Number.isFinite(ms) || ms <= 0) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a duration such as "30s", "5m", "26h" or "90d", got ${quoted(text)}`,
      });
      return z.NEVER;
    }
    if (ms > maxMs) {
      ctx.addIssue({ code: 'custom', message: `expected a duration of at most ${most}, got ${quoted(text)}` });
      return z.NEVER;
    }
    return ms;
  });
}

/** Periods judged by the calendar (an RPO, a drill's interval, an SLO window): up to a year. */
export const duration = durationAtMost(366 * DAY);
/** How long one step or check may run: a day is already far past stuck. */
export const timeout = durationAtMost(DAY);
/** Intervals a timer waits for: Node's timers cannot wait longer than 2^31 - 1 ms (24.8 days). */
export const interval = durationAtMost(24 * DAY);

/** A value quoted for a message, cut short: a 2 MiB value must not come back as a 2 MiB message. */
function quoted(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}…` : text);
}

/** A percentage in the file ("80%" or 80), a number in code. */
export const percent = z
  .union([z.number(), z.string()], { error: 'expected a percentage such as "80%"' })
  .transform((value, ctx) => {
    const n = typeof value === 'number' ? value : Number(value.trim().replace(/%$/, ''));
    if (!Number.isFinite(n) || n < 0 || n > 1000) {
      ctx.addIssue({ code: 'custom', message: `expected a percentage such as "80%", got "${String(value)}"` });
      return z.NEVER;
    }
    return n;
  });

/** Money in the file ("400 USD"); kept as a decimal string so sums stay exact. */
export const money = z
  .union([z.string(), z.number()], { error: 'expected an amount with a currency such as "400 USD"' })
  .transform((value, ctx) => {
    // Trimmed first: `\s*` on both sides of an optional part backtracks quadratically over a long run of spaces.
    const match = /^(\d+(?:\.\d{1,4})?)(?:\s*([A-Z]{3}))?$/.exec(String(value).trim());
    if (!match?.[1]) {
      ctx.addIssue({
        code: 'custom',
        message: `expected an amount with a currency such as "400 USD", got ${quoted(String(value))}`,
      });
      return z.NEVER;
    }
    return { amount: match[1], currency: match[2] ?? 'USD' };
  });
export type Money = z.output<typeof money>;

/**
 * Names every plain JavaScript object already answers to. An environment called `toString` would look defined
 * in every `{}` keyed by environment anywhere in the app (and a lookup of an undeclared one would find a function),
 * so such names are refused where they are declared and where they are referenced.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(
  Object.getOwnPropertyNames(Object.prototype).filter((key) => /^[a-z0-9]/i.test(key)),
);

/** Names used as keys and references: short, readable in a URL and a shell. */
export const name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/i, 'expected a name of letters, digits, ".", "_" or "-" (at most 63)')
  .refine((text) => !RESERVED_NAMES.has(text), {
    error: (issue) =>
      `expected a name other than ${String(issue.input)}: constructor, toString, valueOf and the like are reserved`,
  });
