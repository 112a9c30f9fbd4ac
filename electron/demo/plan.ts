/**
 * What the demo runs: one sandbox per service × environment of the demo workspace, on the port its environment
 * names in `${service}_port`, reading the releases the deploy feature puts in each pretend host's home
 * (`<home of host>/<service>/current`, see layout.ts). Pure, so the mapping is unit-tested without processes.
 */
import { join } from 'node:path';
import { type Workspace } from '../../shared/workspace';
import { localHostPath } from './layout';

export interface DemoTarget {
  service: string;
  environment: string;
  port: number;
  /** The `current` directory of the service on each pretend host of the environment. */
  current: Array<{ host: string; dir: string }>;
}

/** `checkout@production`: one sandbox each. */
export const targetId = (service: string, environment: string) => `${service}@${environment}`;

/** Where a service's releases live on a host: its `releases` deploy path, else `~/<service>`. */
function deployPath(workspace: Workspace, service: string): string {
  const deploy = workspace.services[service]?.deploy;
  return deploy?.strategy === 'releases' ? deploy.path : `~/${service}`;
}

export function planDemo(workspace: Workspace, dataDir: string): { targets: DemoTarget[]; problems: string[] } {
  const targets: DemoTarget[] = [];
  const problems: string[] = [];
  const allEnvironments = Object.keys(workspace.environments);
  for (const [service, config] of Object.entries(workspace.services)) {
    for (const environment of config.environments ?? allEnvironments) {
      const env = workspace.environments[environment];
      if (!env) continue;
      const variable = `${service}_port`;
      const raw = env.vars[variable];
      const port = Number(raw);
      if (raw === undefined || !Number.isInteger(port) || port < 1 || port > 65535) {
        problems.push(
          raw === undefined
            ? `${service} in ${environment}: no ${variable} variable, so no sandbox runs for it`
            : `${service} in ${environment}: ${variable} is "${raw}", not a port number`,
        );
        continue;
      }
      const current = env.hosts.flatMap((host) => {
        const config = workspace.hosts[host];
        if (!config?.local || !config.root) return [];
        return [{ host, dir: join(localHostPath(dataDir, config, deployPath(workspace, service)), 'current') }];
      });
      targets.push({ service, environment, port, current });
    }
  }
  return { targets, problems };
}
