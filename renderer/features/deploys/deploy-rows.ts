/** The Deploys table, derived from each service's `deploy:` block. Pure and unit-tested. */
import { type Workspace } from '../../../shared/workspace';
import { formatInterval } from '../../lib/format';
import { serviceEnvironments } from '../overview/overview-model';

export interface DeployRow {
  service: string;
  strategy: 'releases' | 'script';
  /** releases: the base path on the host; script: the deploy command. */
  where: string;
  keep: string;
  gate: string[];
  gateTimeout: string;
  batch: number;
  environments: { name: string; hosts: string[]; protected: boolean }[];
  /** Commands the strategy runs, for the detail line. */
  commands: { label: string; command: string }[];
}

export function deployRows(ws: Workspace): DeployRow[] {
  const rows: DeployRow[] = [];
  for (const [service, config] of Object.entries(ws.services)) {
    const deploy = config.deploy;
    if (!deploy) continue;
    const environments = serviceEnvironments(ws, service).map((name) => ({
      name,
      hosts: ws.environments[name]?.hosts ?? [],
      protected: ws.environments[name]?.protected ?? false,
    }));
    const common = {
      service,
      gate: deploy.gate,
      gateTimeout: formatInterval(deploy.gateTimeout),
      batch: deploy.batch,
      environments,
    };
    if (deploy.strategy === 'releases') {
      const commands: DeployRow['commands'] = [];
      if (deploy.build?.run) commands.push({ label: 'build', command: deploy.build.run });
      if (deploy.hooks.beforeSwitch) commands.push({ label: 'before switch', command: deploy.hooks.beforeSwitch });
      if (deploy.hooks.afterSwitch) commands.push({ label: 'after switch', command: deploy.hooks.afterSwitch });
      if (deploy.restart) commands.push({ label: 'restart', command: deploy.restart });
      rows.push({ ...common, strategy: 'releases', where: deploy.path, keep: String(deploy.keep), commands });
    } else {
      const commands: DeployRow['commands'] = [
        { label: 'deploy', command: deploy.deploy },
        { label: 'rollback', command: deploy.rollback },
      ];
      if (deploy.list) commands.push({ label: 'list', command: deploy.list });
      if (deploy.current) commands.push({ label: 'current', command: deploy.current });
      rows.push({ ...common, strategy: 'script', where: deploy.deploy, keep: '—', commands });
    }
  }
  return rows;
}

/** Services that declare no deploy block, named so the empty hint can point at them. */
export function servicesWithoutDeploy(ws: Workspace): string[] {
  return Object.entries(ws.services)
    .filter(([, s]) => !s.deploy)
    .map(([name]) => name);
}
