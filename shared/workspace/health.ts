import { z } from 'zod';
import { duration, interval, name, percent, timeout } from './units';

/**
 * Health checks: one kind per entry, named by the key that holds its target (`http`, `tcp`, `tls`, `ssh`,
 * `prometheus`). Timing (every, retries, timeout) is common; the scheduler alone applies it. Strings may use
 * `${var}` from the host's and the environment's `vars` (plus `${environment}`, `${service}` and `${host}`).
 */
const timing = {
  id: name,
  description: z.string().optional(),
  every: interval.default(30_000),
  /**
   * Interval while failing (confirming a failure, or waiting for recovery), so both are noticed sooner.
   * Default: a third of `every`, at least 5 s.
   */
  everyFailing: interval.optional(),
  timeout: timeout.default(10_000),
  /**
   * Retries before the check counts as failed: with `retries: 2`, three failures in a row make it down (or
   * degraded). A single success makes it up again.
   */
  retries: z.number().int().min(0).max(20).default(2),
  /** A critical check failing makes the service down; otherwise degraded. */
  critical: z.boolean().default(false),
  /** Limit the check to these environments (default: every environment the service runs in). */
  environments: z.array(name).optional(),
};

/**
 * A URL that may still hold `${vars}` (even at the start: `${base}/health`): only the scheme is checked here; the
 * whole URL is checked again once the environment's variables are filled in.
 */
const httpUrl = z.string().regex(/^(https?:\/\/|\$\{)\S+$/, 'expected a URL starting with http:// or https://');

export const httpCheckSchema = z.strictObject({
  ...timing,
  http: httpUrl.describe('URL; may use ${vars} of the environment'),
  method: z.enum(['GET', 'HEAD', 'POST']).default('GET'),
  expect: z
    .strictObject({
      status: z.union([z.number().int(), z.array(z.number().int()).min(1)]).default(200),
      /** Slower than this is degraded (still answering, but users feel it). */
      within: timeout.optional(),
      body: z.string().optional().describe('a keyword the body must contain'),
      json: z
        .strictObject({
          path: z.string().describe('a dotted path into the JSON body, e.g. "status" or "checks.0.ok"'),
          equals: z.union([z.string(), z.number(), z.boolean(), z.null()]),
        })
        .optional(),
    })
    .default({ status: 200 }),
});
export type HttpCheckConfig = z.output<typeof httpCheckSchema>;

export const tcpCheckSchema = z.strictObject({ ...timing, tcp: z.string().regex(/^.+:\d+$/, 'expected host:port') });
export type TcpCheckConfig = z.output<typeof tcpCheckSchema>;

/**
 * Certificate expiry. The chain is not verified (a self-signed or internal CA certificate is fine): the check is
 * about the date, and browsers already complain loudly about untrusted chains.
 */
export const tlsCheckSchema = z.strictObject({
  ...timing,
  tls: z.string().min(1).describe('host or host:port (default port 443)'),
  /** Fewer days left than this is degraded; expired is down. */
  warnDays: z.number().int().min(1).default(14),
});
export type TlsCheckConfig = z.output<typeof tlsCheckSchema>;

const sshHost = name.optional().describe('one host of the environment (default: each of them)');

/**
 * Host metrics read over the host's transport (SSH, or local for the demo): load average (1 min), memory used %,
 * disk used % of a mount, or whether a systemd unit is active. Runs on every host of the environment unless
 * `host` names one. Over `max` is degraded; an inactive unit or an unreachable host is down.
 */
export const sshMetricSchema = z.strictObject({
  metric: z.enum(['load', 'memory', 'disk', 'unit']),
  max: z.union([percent, z.number()]).optional().describe('the most the metric may reach (disk/memory in %)'),
  path: z.string().default('/').describe('disk: the mount point'),
  unit: z.string().optional().describe('unit: the systemd unit that must be active'),
  host: sshHost,
});

/**
 * A command run on the host itself, for services that listen on localhost only: exit 0 is up, anything else is
 * down with the output's last line as the reason. One instance per host of the environment (or the one named).
 * The command is the team's own shell line; `${vars}` filled into it are quoted as single words of data.
 */
export const sshCommandSchema = z.strictObject({
  command: z.string().min(1).describe('a shell command run on the host; exit 0 means up'),
  host: sshHost,
});

export const sshCheckSchema = z.strictObject({
  ...timing,
  ssh: z.union([sshMetricSchema, sshCommandSchema], {
    error: 'expected either { metric: load|memory|disk|unit } or { command: "…" }',
  }),
});
export type SshCheckConfig = z.output<typeof sshCheckSchema>;
export type SshMetricConfig = z.output<typeof sshMetricSchema>;
export type SshCommandConfig = z.output<typeof sshCommandSchema>;

/** A check that runs a command on the host (rather than reading a metric). */
export function isSshCommand(ssh: SshCheckConfig['ssh']): ssh is SshCommandConfig {
  return 'command' in ssh;
}

export const prometheusQuerySchema = z.strictObject({
  server: httpUrl.describe("a Prometheus server's base URL"),
  query: z.string().min(1).describe('a PromQL instant query; each series it returns must stay within min/max'),
  max: z.number().optional(),
  min: z.number().optional(),
});

export const prometheusScrapeSchema = z.strictObject({
  scrape: httpUrl.describe('a /metrics endpoint in the Prometheus text format'),
  /** Counter with a `code` (or `status`) label; default: the first `*_requests_total` found. */
  requests: z.string().optional(),
  histogram: z.string().optional().describe('histogram metric name for p95 latency (default: the first *_seconds)'),
  /** More 5xx than this share of requests since the previous scrape is down. */
  maxErrorRate: percent.optional(),
  /** A slower p95 since the previous scrape is degraded. */
  maxP95: timeout.optional(),
});

export const prometheusCheckSchema = z.strictObject({
  ...timing,
  prometheus: z.union([prometheusQuerySchema, prometheusScrapeSchema], {
    error: 'expected either { server, query } or { scrape }',
  }),
});
export type PrometheusCheckConfig = z.output<typeof prometheusCheckSchema>;

export const healthCheckSchema = z.union(
  [httpCheckSchema, tcpCheckSchema, tlsCheckSchema, sshCheckSchema, prometheusCheckSchema],
  { error: 'expected a check with one of http, tcp, tls, ssh or prometheus' },
);
export type HealthCheckConfig = z.output<typeof healthCheckSchema>;

/** Names of the check kinds, in the order the file documents them. */
export const checkKindNames = ['http', 'tcp', 'tls', 'ssh', 'prometheus'] as const;
export type CheckKindName = (typeof checkKindNames)[number];

/** Which kind a check is, from the key that holds its target. */
export function checkKindOf(check: HealthCheckConfig): CheckKindName {
  if ('http' in check) return 'http';
  if ('tcp' in check) return 'tcp';
  if ('tls' in check) return 'tls';
  if ('ssh' in check) return 'ssh';
  return 'prometheus';
}

/**
 * A service-level objective: the share of time the service must be available (not down) over a rolling window.
 * The error budget is what is left of the allowed downtime.
 */
export const sloSchema = z.strictObject({ target: percent, window: duration.default(30 * 86_400_000) });
export type SloConfig = z.output<typeof sloSchema>;
