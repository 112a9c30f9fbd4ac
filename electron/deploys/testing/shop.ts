/**
 * TEST CODE ONLY — a small shop to deploy for real, on this machine: two `local: true` hosts with their own home
 * folders inside a temp data folder, an artifacts folder of ready-made releases (v2.0.0 breaks on purpose), and a
 * loopback HTTP service whose readiness answers 503 while any host's `current` release holds a BROKEN file — the
 * same rule as the demo sandbox, so the real health gate decides. `close()` removes everything it made.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Loopback, httpServer } from '../../health/testing/loopback';

export interface TestShop {
  dir: string;
  dataDir: string;
  workspaceFile: string;
  /** `current` of the app on a host, as a path on this machine. */
  currentOf(host: string): string;
  close(): Promise<void>;
}

export const SHOP_HOSTS = ['web-1', 'web-2'];

export async function createTestShop(options: { protectedEnv?: boolean } = {}): Promise<TestShop> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-deploys-shop-'));
  const dataDir = join(dir, 'data');
  const currentOf = (host: string) => join(dataDir, 'hosts', host, 'app', 'current');
  let server: Loopback | undefined;
  server = await httpServer((req, res) => {
    const broken = SHOP_HOSTS.some((h) => existsSync(join(currentOf(h), 'BROKEN')));
    res.statusCode = broken ? 503 : 200;
    res.end(broken ? 'broken release' : 'ok');
  });
  for (const version of ['v1.0.0', 'v1.1.0', 'v2.0.0']) {
    const release = join(dir, 'releases', version);
    mkdirSync(release, { recursive: true });
    writeFileSync(join(release, 'VERSION'), `${version}\n`);
    if (version === 'v2.0.0') writeFileSync(join(release, 'BROKEN'), 'on purpose\n');
  }
  const workspaceFile = join(dir, 'cockpit.yaml');
  writeFileSync(
    workspaceFile,
    [
      'version: 1',
      'name: Deploy Shop',
      'environments:',
      `  production: { hosts: [${SHOP_HOSTS.join(', ')}], vars: { url: "${server.url}" }${options.protectedEnv ? '' : ', protected: false'} }`,
      'hosts:',
      ...SHOP_HOSTS.map((h) => `  ${h}: { local: true, root: hosts/${h} }`),
      'services:',
      '  app:',
      '    deploy:',
      '      strategy: releases',
      '      path: ~/app',
      '      keep: 3',
      '      artifacts: releases',
      '      restart: echo "restarted $COCKPIT_HOST"',
      '      gate: [ready]',
      '      gateTimeout: 2s',
      '    health:',
      '      - { id: ready, http: "${url}/ready", every: 1m }',
      '',
    ].join('\n'),
  );
  return {
    dir,
    dataDir,
    workspaceFile,
    currentOf,
    async close() {
      await server?.close();
      server = undefined;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
