import { z } from 'zod';
import { duration, name, percent } from './units';

/**
 * Health checks: one kind per entry, named by the key that holds its target (`http`, `tcp`, `tls`, `ssh`,
 * `prometheus`). Timing (every, retries, timeout) is common; the scheduler alone applies it.
 */
const timing = {
  id: name,
  description: z.string().optional(),
  every: duration.default(30_000),
  /** Interval while failing, to confirm and to notice recovery sooner. */
  everyFailing: duration.optional(),
  timeout: duration.default(10_000),
  /** Consecutive failures before the check counts as down. */
  retries: z.number().int().min(0).max(20).default(2),
  /** A critical check failing makes the service down; otherwise degraded. */
  critical: z.boolean().default(false),
  /** Limit the check to these environments (default: every environment the service runs in). */
  environments: z.array(name).optional(),
};

export const httpCheckSchema = z.strictObject({
  ...timing,
  http: z.string().min(1).describe('URL; may use ${vars} of the environment'),
  method: z.enum(['GET', 'HEAD', 'POST']).default('GET'),
  expect: z
    .strictObject({
      status: z.union([z.number().int(), z.array(z.number().int())]).default(200),
      within: duration.optional(),
      body: z.string().optional().describe('a keyword the body must contain'),
      json: z.strictObject({ path: z.string(), equals: z.union([z.string(), z.number(), z.boolean()]) }).optional(),
    })
    .default({ status: 200 }),
});

export const tcpCheckSchema = z.strictObject({ ...timing, tcp: z.string().regex(/^.+:\d+$/, 'expected host:port') });

export const tlsCheckSchema = z.strictObject({
  ...timing,
  tls: z.string().min(1).describe('host or host:port'),
  warnDays: z.number().int().min(1).default(14),
});

export const sshCheckSchema = z.strictObject({
  ...timing,
  ssh: z.strictObject({
    metric: z.enum(['load', 'memory', 'disk', 'unit']),
    max: z.union([percent, z.number()]).optional().describe('the most the metric may reach (disk/memory in %)'),
    path: z.string().optional().describe('disk: the mount point'),
    unit: z.string().optional().describe('unit: the systemd unit that must be active'),
  }),
});

export const prometheusCheckSchema = z.strictObject({
  ...timing,
  prometheus: z.union([
    z.strictObject({ server: z.string().url(), query: z.string(), max: z.number().optional(), min: z.number().optional() }),
    z.strictObject({
      scrape: z.string().url(),
      histogram: z.string().optional().describe('histogram metric name for p95 latency'),
      maxErrorRate: percent.optional(),
      maxP95: duration.optional(),
    }),
  ]),
});

export const healthCheckSchema = z.union(
  [httpCheckSchema, tcpCheckSchema, tlsCheckSchema, sshCheckSchema, prometheusCheckSchema],
  { error: 'expected a check with one of http, tcp, tls, ssh or prometheus' },
);
export type HealthCheckConfig = z.output<typeof healthCheckSchema>;

export const sloSchema = z.strictObject({ target: percent, window: duration.default(30 * 86_400_000) });
