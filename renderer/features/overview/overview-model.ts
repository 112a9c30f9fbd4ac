/**
 * What the Overview shows, derived from the workspace: counts, environment cards and the services × environments
 * matrix. Pure, so "which service runs where" is unit-tested.
 */
import { type ServiceRow } from '../../../shared/model/health';
import { type Workspace } from '../../../shared/workspace';

export interface Counts {
  environments: number;
  services: number;
  hosts: number;
  checks: number;
  backups: number;
  budgets: number;
}

export function workspaceCounts(ws: Workspace): Counts {
  const services = Object.values(ws.services);
  return {
    environments: Object.keys(ws.environments).length,
    services: services.length,
    hosts: Object.keys(ws.hosts).length,
    checks: services.reduce((n, s) => n + s.health.length, 0),
    backups: services.reduce((n, s) => n + s.backups.length, 0),
    budgets: ws.cost?.budgets.length ?? 0,
  };
}

export interface HostSummary {
  name: string;
  /** How the cockpit reaches it: "deploy@stg-1.acme.internal", "web-1 (ssh config)", "this machine". */
  via: string;
  declared: boolean;
}

export interface EnvironmentCard {
  name: string;
  description?: string;
  protected: boolean;
  hosts: HostSummary[];
  vars: [string, string][];
  services: string[];
}

export function hostVia(ws: Workspace, name: string): HostSummary {
  const host = ws.hosts[name];
  if (!host) return { name, via: 'not declared under hosts:', declared: false };
  if (host.local) return { name, via: 'this machine', declared: true };
  const ssh = host.ssh ?? name;
  const withUser = host.user && !ssh.includes('@') ? `${host.user}@${ssh}` : ssh;
  return { name, via: host.port ? `${withUser}:${host.port}` : withUser, declared: true };
}

/** The environments a service runs in: its own list, or every environment. */
export function serviceEnvironments(ws: Workspace, service: string): string[] {
  const declared = ws.services[service]?.environments;
  return declared ?? Object.keys(ws.environments);
}

export function environmentCards(ws: Workspace): EnvironmentCard[] {
  return Object.entries(ws.environments).map(([name, env]) => ({
    name,
    description: env.description,
    protected: env.protected,
    hosts: env.hosts.map((h) => hostVia(ws, h)),
    vars: Object.entries(env.vars),
    services: Object.keys(ws.services).filter((s) => serviceEnvironments(ws, s).includes(name)),
  }));
}

export interface MatrixRow {
  service: string;
  description?: string;
  /** One cell per environment, in the order of `environments`: does the service run there? */
  cells: { environment: string; runs: boolean }[];
}

export function serviceMatrix(ws: Workspace): { environments: string[]; rows: MatrixRow[] } {
  const environments = Object.keys(ws.environments);
  const rows = Object.entries(ws.services).map(([service, config]) => {
    const runsIn = new Set(serviceEnvironments(ws, service));
    return {
      service,
      description: config.description,
      cells: environments.map((environment) => ({ environment, runs: runsIn.has(environment) })),
    };
  });
  return { environments, rows };
}

export interface LiveCell {
  environment: string;
  runs: boolean;
  /** The service's health there; undefined when nothing is watched there (no checks, or not loaded yet). */
  health?: ServiceRow;
}

export interface LiveMatrixRow {
  service: string;
  description?: string;
  /** The worst status of the service across environments, for sorting. */
  worst: number;
  cells: LiveCell[];
}

const severity: Record<string, number> = { down: 3, degraded: 2, unknown: 1, up: 0 };

/**
 * The matrix with live health in each cell. Services with something broken come first (the on-call glance), the
 * rest keep the workspace's order.
 */
export function liveMatrix(
  ws: Workspace,
  rows: readonly ServiceRow[] | null,
): { environments: string[]; rows: LiveMatrixRow[] } {
  const { environments, rows: base } = serviceMatrix(ws);
  const byPair = new Map((rows ?? []).map((r) => [`${r.service}@${r.environment}`, r]));
  const live = base.map((row, index) => {
    const cells = row.cells.map((c) => ({ ...c, health: byPair.get(`${row.service}@${c.environment}`) }));
    const worst = Math.max(
      0,
      ...cells.map((c) => (c.health && c.health.status !== 'unknown' ? (severity[c.health.status] ?? 0) : 0)),
    );
    return { service: row.service, description: row.description, worst, cells, index };
  });
  live.sort((a, b) => (b.worst >= 2 || a.worst >= 2 ? b.worst - a.worst : 0) || a.index - b.index);
  return { environments, rows: live.map(({ index: _index, ...row }) => row) };
}

/** "/health/ready 503 for 3 min": the service's reason without its own name, which the row already says. */
export function cellReason(row: ServiceRow): string {
  const prefix = `${row.service}: `;
  return row.reason.startsWith(prefix) ? row.reason.slice(prefix.length) : row.reason;
}
