/** The Health table: every declared check with its kind, target and timing. Pure and unit-tested. */
import { type HealthCheckConfig, type Workspace } from '../../../shared/workspace';
import { formatInterval } from '../../lib/format';
import { serviceEnvironments } from '../overview/overview-model';

export type CheckKind = 'http' | 'tcp' | 'tls' | 'ssh' | 'prometheus';

export interface HealthRow {
  service: string;
  id: string;
  kind: CheckKind;
  target: string;
  /** What passing means, in a phrase: "status 200 within 800 ms", "cert valid > 14 days". */
  expects: string;
  every: string;
  everyFailing: string | null;
  timeout: string;
  retries: number;
  critical: boolean;
  environments: string[];
}

export function checkKind(check: HealthCheckConfig): CheckKind {
  if ('http' in check) return 'http';
  if ('tcp' in check) return 'tcp';
  if ('tls' in check) return 'tls';
  if ('ssh' in check) return 'ssh';
  return 'prometheus';
}

export function checkTarget(check: HealthCheckConfig): { target: string; expects: string } {
  if ('http' in check) {
    const status = Array.isArray(check.expect.status) ? check.expect.status.join(' or ') : String(check.expect.status);
    const parts = [`status ${status}`];
    if (check.expect.within) parts.push(`within ${formatInterval(check.expect.within)}`);
    if (check.expect.body) parts.push(`body contains "${check.expect.body}"`);
    if (check.expect.json) parts.push(`${check.expect.json.path} = ${String(check.expect.json.equals)}`);
    return { target: `${check.method} ${check.http}`, expects: parts.join(', ') };
  }
  if ('tcp' in check) return { target: check.tcp, expects: 'port accepts connections' };
  if ('tls' in check) return { target: check.tls, expects: `certificate valid for more than ${check.warnDays} days` };
  if ('ssh' in check) {
    if ('command' in check.ssh) return { target: `ssh ${check.ssh.command}`, expects: 'command exits 0 on each host' };
    const { metric, max, path, unit } = check.ssh;
    const what = metric === 'disk' ? `disk ${path ?? '/'}` : metric === 'unit' ? `unit ${unit ?? '?'}` : metric;
    const expects =
      metric === 'unit'
        ? 'unit is active'
        : max !== undefined
          ? `at most ${max}${metric === 'load' ? '' : '%'}`
          : 'reported';
    return { target: `ssh ${what}`, expects };
  }
  const prom = check.prometheus;
  if ('server' in prom) {
    const bounds = [prom.min !== undefined ? `≥ ${prom.min}` : '', prom.max !== undefined ? `≤ ${prom.max}` : '']
      .filter(Boolean)
      .join(' and ');
    return { target: `${prom.server} · ${prom.query}`, expects: bounds ? `value ${bounds}` : 'query returns data' };
  }
  const limits = [
    prom.maxErrorRate !== undefined ? `errors ≤ ${prom.maxErrorRate}%` : '',
    prom.maxP95 !== undefined ? `p95 ≤ ${formatInterval(prom.maxP95)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return { target: `scrape ${prom.scrape}`, expects: limits || 'endpoint answers' };
}

export function healthRows(ws: Workspace): HealthRow[] {
  const rows: HealthRow[] = [];
  for (const [service, config] of Object.entries(ws.services)) {
    for (const check of config.health) {
      const { target, expects } = checkTarget(check);
      rows.push({
        service,
        id: check.id,
        kind: checkKind(check),
        target,
        expects,
        every: formatInterval(check.every),
        everyFailing: check.everyFailing ? formatInterval(check.everyFailing) : null,
        timeout: formatInterval(check.timeout),
        retries: check.retries,
        critical: check.critical,
        environments: check.environments ?? serviceEnvironments(ws, service),
      });
    }
  }
  return rows;
}
