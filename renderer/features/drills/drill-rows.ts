/**
 * The Drills screen's restore drills, as declared on backups (the guided rollback drill's plan comes from the
 * backend's preflight). Pure, so it is unit-tested.
 */
import { type Workspace } from '../../../shared/workspace';
import { type SmokeCheckConfig } from '../../../shared/workspace/backups';
import { formatInterval } from '../../lib/format';

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
