/**
 * TEST AND BENCH CODE ONLY — a real fleet to deploy to: N OpenSSH servers on loopback (test/support/sshd.ts),
 * each with a tiny HTTP app on its own free port that answers /health 200 while the `health` file of the release
 * `current` points at says "ok" (500 otherwise), a workspace whose service `app` deploys with the `releases`
 * strategy and gates on a health check, the real SQLite journal, a pooled transport registry and a DeployService.
 * `close()` stops everything it started and removes its folder.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type RunEvent } from '../../../shared/model/deploys';
import { type Workspace, workspaceSchema } from '../../../shared/workspace';
import { type SshdFleet, startSshdFleet } from '../../../test/support/sshd';
import { type SqliteJournal, openJournal } from '../../journal/journal';
import { type TransportRegistry, createTransportRegistry } from '../../remote/registry';
import { type CheckHealth, type HealthTarget } from '../../runbooks/types';
import { type DeployService, createDeployService } from '../service';

export const FLEET_SERVICE = 'app';
export const FLEET_ENVIRONMENT = 'production';
/** The gate's check id in the fleet's workspace. */
export const FLEET_CHECK = 'app-health';

export interface FleetOptions {
  hosts: number;
  /** Hosts switched at once (default 1). */
  batch?: number;
  /** Run on each host after the switch, in `current` (default: touches `<app>/.restarted`, see `startupMs`). */
  restart?: string;
  /** How long each host's app answers 503 "starting" after `<app>/.restarted` was touched (default 0). */
  startupMs?: number;
  gateTimeout?: string;
  /** Poll interval of the gate; default: the engine's own. */
  gateIntervalMs?: number;
  /** Hosts' names start with this (default "node"). */
  prefix?: string;
  /** Sees every live event of every run. */
  onEvent?: (event: RunEvent) => void;
  /** Replaces the checker the gate asks (default: GET /health on the host's app). */
  checkHealth?: CheckHealth;
}

export interface FleetHost {
  name: string;
  sshPort: number;
  /** Where the app of this host lives (`path` of the deploy config), as a path on this machine. */
  app: string;
  healthUrl: string;
}

export interface DeployFleet {
  dir: string;
  sshd: SshdFleet;
  hosts: FleetHost[];
  workspace: Workspace;
  journal: SqliteJournal;
  registry: TransportRegistry;
  service: DeployService;
  /** The known_hosts file listing every host (for an `ssh` loop that compares with the cockpit). */
  knownHostsFile: string;
  /** A build folder of `files` small files plus `health` (what the health app reads). */
  makeBuild(name: string, options?: { files?: number; health?: string }): string;
  /** Builds and deploys a release of `ref` to every host. */
  deploy(
    ref: string,
    options?: { files?: number; health?: string; batch?: number },
  ): ReturnType<DeployService['deploy']>;
  close(): Promise<void>;
}

const APP_PATH = 'srv/app';

export async function startDeployFleet(options: FleetOptions): Promise<DeployFleet> {
  const sshd = await startSshdFleet({ count: options.hosts, prefix: options.prefix ?? 'node' });
  const servers: Server[] = [];
  let journal: SqliteJournal | undefined;
  let registry: TransportRegistry | undefined;
  const close = async () => {
    try {
      await registry?.closeAll();
      journal?.close();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    } finally {
      await sshd.stop();
    }
  };
  try {
    const dir = join(sshd.dir, 'work');
    mkdirSync(join(dir, 'builds'), { recursive: true });
    const hosts: FleetHost[] = [];
    for (const h of sshd.hosts) {
      const app = join(h.home, APP_PATH);
      const server = healthApp(app, options.startupMs ?? 0);
      servers.push(server);
      const port = await listen(server);
      hosts.push({ name: h.name, sshPort: h.port, app, healthUrl: `http://127.0.0.1:${port}/health` });
    }
    const knownHostsFile = join(dir, 'known_hosts');
    sshd.writeKnownHosts(knownHostsFile);
    let workspace = fleetWorkspace(sshd, hosts, options);
    registry = createTransportRegistry({
      hosts: () => workspace.hosts,
      knownHostsFile,
      sshConfigFile: sshd.emptySshConfig,
      systemKnownHosts: null,
      local: { agentSocket: undefined },
      killGraceMs: 500,
    });
    const transports = registry;
    journal = openJournal({ file: join(dir, 'journal.db'), actor: 'fleet' });
    const urlOf = new Map(hosts.map((h) => [h.name, h.healthUrl]));
    const service = createDeployService({
      workspace: () => ({ workspace, dir }),
      journal,
      transports: (host) => transports.get(host),
      checkHealth: options.checkHealth ?? ((target, _checks, signal) => checkApp(urlOf, target, signal)),
      emit: (event) => options.onEvent?.(event),
      actor: 'fleet',
      gateIntervalMs: options.gateIntervalMs,
    });

    const makeBuild: DeployFleet['makeBuild'] = (name, build = {}) => {
      const folder = join(dir, 'builds', name);
      mkdirSync(join(folder, 'static'), { recursive: true });
      for (let i = 0; i < (build.files ?? 20); i++) {
        writeFileSync(join(folder, 'static', `part-${String(i).padStart(2, '0')}.txt`), `${name} part ${i}\n`);
      }
      writeFileSync(join(folder, 'health'), `${build.health ?? 'ok'}\n`);
      return folder;
    };

    return {
      dir,
      sshd,
      hosts,
      get workspace() {
        return workspace;
      },
      journal,
      registry,
      service,
      knownHostsFile,
      makeBuild,
      deploy(ref, deployOptions = {}) {
        if (deployOptions.batch !== undefined) {
          workspace = fleetWorkspace(sshd, hosts, { ...options, batch: deployOptions.batch });
        }
        return service.deploy({
          service: FLEET_SERVICE,
          environment: FLEET_ENVIRONMENT,
          release: { ref, dir: makeBuild(ref, deployOptions) },
          confirmation: FLEET_ENVIRONMENT,
        });
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function fleetWorkspace(sshd: SshdFleet, hosts: FleetHost[], options: FleetOptions): Workspace {
  return workspaceSchema.parse({
    version: 1,
    name: 'Fleet',
    environments: { [FLEET_ENVIRONMENT]: { hosts: hosts.map((h) => h.name), protected: false } },
    hosts: Object.fromEntries(
      hosts.map((h) => [h.name, { ssh: `${sshd.user}@127.0.0.1`, port: h.sshPort, identityFile: sshd.clientKey }]),
    ),
    services: {
      [FLEET_SERVICE]: {
        deploy: {
          strategy: 'releases',
          path: `~/${APP_PATH}`,
          keep: 3,
          build: { upload: ['static', 'health'] },
          restart: options.restart ?? 'touch "$COCKPIT_BASE/.restarted"',
          gate: [FLEET_CHECK],
          gateTimeout: options.gateTimeout ?? '20s',
          batch: options.batch ?? 1,
        },
        health: [{ id: FLEET_CHECK, http: hosts[0]?.healthUrl ?? 'http://127.0.0.1/health' }],
      },
    },
  });
}

/**
 * 200 while `<app>/current/health` says "ok"; 500 otherwise (no release yet, or an unhealthy one); 503 for
 * `startupMs` after a restart, like an app that takes a moment to come up; 500 whatever runs while the file
 * `<app>/BROKEN` exists (a host whose app is broken, not the release).
 */
export function healthApp(app: string, startupMs = 0): Server {
  return createServer((_req, res) => {
    if (existsSync(join(app, 'BROKEN'))) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('broken on this host');
      return;
    }
    const restartedAt = statSync(join(app, '.restarted'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (Date.now() - restartedAt < startupMs) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('starting');
      return;
    }
    let body = 'no current release';
    try {
      body = readFileSync(join(app, 'current', 'health'), 'utf8').trim();
    } catch {
      // Nothing deployed yet.
    }
    res.writeHead(body === 'ok' ? 200 : 500, { 'content-type': 'text/plain' }).end(body);
  });
}

export function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

async function checkApp(
  urlOf: Map<string, string>,
  target: HealthTarget,
  signal?: AbortSignal,
): Promise<{ ok: boolean; detail: string }> {
  const url = urlOf.get(target.host ?? '');
  if (!url) return { ok: false, detail: `no health app for host ${target.host ?? '(none)'}` };
  const response = await fetch(url, signal ? { signal } : {});
  const ok = response.status === 200;
  // Worded as the health feature answers a gate ("id: down (…)"), so a failing release is blamed and marked bad.
  return {
    ok,
    detail: `${FLEET_CHECK}: ${ok ? 'up' : 'down'} (HTTP ${response.status}: ${(await response.text()).trim()})`,
  };
}
