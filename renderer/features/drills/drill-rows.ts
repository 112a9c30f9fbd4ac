/**
 * The Drills screen's plan: restore drills declared on backups, and what the guided rollback drill will do for
 * each deployable service. Pure, so the choice of environment (never a protected one) is unit-tested.
 */
import { type Workspace } from '../../../shared/workspace';
import { type SmokeCheckConfig } from '../../../shared/workspace/backups';
import { formatInterval } from '../../lib/format';
import { serviceEnvironments } from '../overview/overview-model';

export interface RestoreDrillRow {
  service: string;
  backup: string;
  host: string;
  restore: string;
  /** Each smoke check in words: its command, with its name and what it expects when declared. */
  checks: string[];

  teardown: string | null;
  rto: string;
  every: string;
}

export function restoreDrillRows(ws: Workspace): RestoreDrillRow[] {
  const rows: RestoreDrillRow[] = [];
  for (const [service, config] of Object.entries(ws.services)) {
    for (const backup of config.backups) {
      if (!backup.drill) continue;
      rows.push({
        service,
        backup: backup.id,
        host: backup.drill.host,
        restore: backup.drill.restore,
        checks: backup.drill.checks.map(describeSmokeCheck),

        teardown: backup.drill.teardown ?? null,
        rto: formatInterval(backup.drill.rto),
        every: formatInterval(backup.drill.every),
      });
    }
  }
  return rows;
}

/** "newest order: psql -c … (expects at least 1000)", or the bare command for a plain string check. */
export function describeSmokeCheck(check: SmokeCheckConfig): string {
  const expects = check.expect ? expectationWords(check.expect) : null;
  return `${check.name ? `${check.name}: ` : ''}${check.run}${expects ? ` (expects ${expects})` : ''}`;
}

function expectationWords(expect: NonNullable<SmokeCheckConfig['expect']>): string {
  const parts: string[] = [];
  if (expect.atLeast !== undefined) parts.push(`at least ${expect.atLeast}`);
  if (expect.atMost !== undefined) parts.push(`at most ${expect.atMost}`);
  if (expect.equals !== undefined) parts.push(`"${expect.equals}"`);
  if (expect.contains !== undefined) parts.push(`output containing "${expect.contains}"`);
  if (expect.match !== undefined) parts.push(`output matching /${expect.match}/`);
  if (expect.newerThan !== undefined) parts.push(`a time within ${formatInterval(expect.newerThan)}`);
  return parts.join(', ');
}

/** The protected environment a drill host belongs to, if any: a drill there asks for its name, typed. */
export function protectedEnvironmentOf(ws: Workspace, host: string): string | null {
  for (const [name, env] of Object.entries(ws.environments)) {
    if (env.protected && env.hosts.includes(host)) return name;
  }
  return null;
}

export interface RollbackDrillPlan {
  service: string;
  /** The environment the drill would break and recover; null when every environment is protected. */
  environment: string | null;
  hosts: string[];
  steps: string[];
  blocker: string | null;
}

export function rollbackDrillPlans(ws: Workspace): RollbackDrillPlan[] {
  const plans: RollbackDrillPlan[] = [];
  for (const [service, config] of Object.entries(ws.services)) {
    const deploy = config.deploy;
    if (!deploy) continue;
    const environment =
      serviceEnvironments(ws, service).find((name) => ws.environments[name] && !ws.environments[name].protected) ??
      null;
    if (environment === null) {
      plans.push({
        service,
        environment: null,
        hosts: [],
        steps: [],
        blocker: 'Every environment of this service is protected; the drill only ever breaks an unprotected one.',
      });
      continue;
    }
    const hosts = ws.environments[environment]?.hosts ?? [];
    const gate = deploy.gate.length > 0 ? deploy.gate.join(', ') : null;
    const criticalChecks = config.health.filter((c) => c.critical).map((c) => c.id);
    const watch = gate ?? (criticalChecks.length > 0 ? criticalChecks.join(', ') : null);
    const steps = [
      `Preflight: reach ${hosts.length > 0 ? hosts.join(', ') : 'the hosts'}, check the deploy lock is free and a good release exists to return to.`,
      `Inject a failure: deploy a deliberately broken release of ${service} to ${environment}.`,
      watch
        ? `Measure time to detect: until ${watch} report the failure.`
        : 'Measure time to detect: add a critical health check or a deploy gate so the drill can see the failure.',
      deploy.strategy === 'releases'
        ? 'Recover: switch back to the last good release and measure time to recover.'
        : 'Recover: run the rollback command and measure time to recover.',
      `Verify ${watch ?? 'the service'} pass again within ${formatInterval(deploy.gateTimeout)}, then write the drill report.`,
    ];
    plans.push({ service, environment, hosts, steps, blocker: null });
  }
  return plans;
}
