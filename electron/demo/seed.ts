/**
 * The demo's starting point: the first time the demo workspace opens, every pretend host gets the service's
 * oldest ready-made release (from the service's `artifacts:` folder, resources/demo/releases/<service>/) as if a
 * teammate had put it there by hand three days ago — a release directory and a `current` link, no audit line —
 * and, for the `releases` strategy, the mark of a release that ran healthily (as a teammate's cockpit leaves it),
 * so the first rollback has a healthy release to go back to. So the history is never empty, and it shows a deploy
 * made outside the app, marked as such. A host that already has the service's releases is left alone: seeding never undoes a user's deploys.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { type Workspace } from '../../shared/workspace';
import { GOOD_MARKER } from '../deploys/layout';
import { localHostPath } from './layout';

export interface DemoSeedOptions {
  dataDir: string;
  workspace: Workspace;
  /** The folder of the workspace file (`artifacts:` is relative to it). */
  workspaceDir: string;
  now: Date;
  /** How long ago the seeded release was "deployed" (default 3 days). */
  ageMs?: number;
}

export interface SeededRelease {
  service: string;
  host: string;
  release: string;
}

const THREE_DAYS = 3 * 86_400_000;

/**
 * The kind of link a directory link is on this platform. Windows makes symbolic links only for administrators or
 * in Developer Mode, but junctions for everyone, and a junction serves a directory the same way (the sandbox
 * follows `current` with realpath). Elsewhere the type is ignored.
 */
export function dirLinkType(platform: NodeJS.Platform): 'junction' | 'dir' {
  return platform === 'win32' ? 'junction' : 'dir';
}

/** `20250101T120000Z-v1.4.0`, as the releases strategy names a release (see electron/deploys/release-id.ts). */
function releaseId(at: Date, name: string): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `${stamp}-${name}`;
}

/** The oldest release folder that is not the deliberately broken one. */
function initialRelease(dir: string): string | null {
  if (!existsSync(dir)) return null;
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !existsSync(join(dir, e.name, 'BROKEN')))
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return names[0] ?? null;
}

export function seedDemoHosts(options: DemoSeedOptions): SeededRelease[] {
  const { workspace, dataDir } = options;
  const at = new Date(options.now.getTime() - (options.ageMs ?? THREE_DAYS));
  const linkType = dirLinkType(process.platform);
  const seeded: SeededRelease[] = [];
  const allEnvironments = Object.keys(workspace.environments);
  for (const [service, config] of Object.entries(workspace.services)) {
    const deploy = config.deploy;
    if (!deploy?.artifacts) continue;
    const source = isAbsolute(deploy.artifacts) ? deploy.artifacts : resolve(options.workspaceDir, deploy.artifacts);
    const name = initialRelease(source);
    if (!name) continue;
    // The releases strategy names releases by time and ref; a team's own script uses the plain name.
    const id = deploy.strategy === 'releases' ? releaseId(at, name) : name;
    const path = deploy.strategy === 'releases' ? deploy.path : `~/${service}`;
    const hosts = new Set(
      (config.environments ?? allEnvironments).flatMap((e) => workspace.environments[e]?.hosts ?? []),
    );
    for (const host of hosts) {
      const hostConfig = workspace.hosts[host];
      if (!hostConfig?.local || !hostConfig.root) continue;
      const base = localHostPath(dataDir, hostConfig, path);
      if (existsSync(join(base, 'releases'))) continue;
      const dir = join(base, 'releases', id);
      mkdirSync(dir, { recursive: true });
      cpSync(join(source, name), dir, { recursive: true });
      if (deploy.strategy === 'releases') {
        writeFileSync(join(dir, GOOD_MARKER), `${at.toISOString()}\n`);
        for (const shared of deploy.shared) {
          mkdirSync(join(base, 'shared', shared), { recursive: true });
          if (!existsSync(join(dir, shared))) symlinkSync(join(base, 'shared', shared), join(dir, shared), linkType);
        }
      }
      // Relative, as the releases strategy links it (a junction's target is made absolute by Node on Windows).
      symlinkSync(join('releases', id), join(base, 'current'), linkType);
      seeded.push({ service, host, release: id });
    }
  }
  return seeded;
}
