import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Workspace, workspaceSchema } from '../../shared/workspace';
import { type SshdFleet, startSshdFleet } from '../../test/support/sshd';
import { hasTools } from '../../test/support/system-tool';
import { Database } from '../journal/sqlite';
import { type TransportRegistry, createTransportRegistry } from '../remote/registry';
import { HealthMonitor } from './monitor';
import { migrateHealth } from './store-schema';

/**
 * `ssh: { command }` checks and the per-host deploy gate on two real sshd hosts. Each host's "service" is a flag
 * file in its own home, named by a host var (with a space, so quoting matters): present is up, absent is down.
 */
describe.skipIf(!hasTools('sshd', 'ssh-keygen'))('per-host ssh command checks against real sshd hosts', () => {
  let fleet: SshdFleet;
  let transports: TransportRegistry;
  let db: Database;
  let monitor: HealthMonitor;
  let workspace: Workspace;
  const flag = 'ready flag';
  const [first, second] = ['cmd1', 'cmd2'];

  beforeAll(async () => {
    fleet = await startSshdFleet({ count: 2, prefix: 'cmd' });
    const knownHostsFile = join(fleet.dir, 'known_hosts-per-host');
    fleet.writeKnownHosts(knownHostsFile);
    workspace = workspaceSchema.parse({
      version: 1,
      name: 'Per host',
      environments: { production: { hosts: fleet.hosts.map((h) => h.name) } },
      hosts: Object.fromEntries(
        fleet.hosts.map((h) => [
          h.name,
          { ssh: `${fleet.user}@127.0.0.1`, port: h.port, identityFile: fleet.clientKey, vars: { flag } },
        ]),
      ),
      services: {
        shop: {
          deploy: { strategy: 'script', deploy: 'true', rollback: 'true', gate: ['ready'] },
          health: [
            {
              id: 'ready',
              ssh: {
                command:
                  'if test -f "$HOME"/${flag}; then echo "serving on ${host}"; else echo "curl: (7) Failed to connect" >&2; exit 7; fi',
              },
              timeout: '10s',
            },
            { id: 'slow', ssh: { command: 'sleep 5' }, timeout: '1s' },
          ],
        },
      },
    });
    transports = createTransportRegistry({
      hosts: () => workspace.hosts,
      knownHostsFile,
      sshConfigFile: fleet.emptySshConfig,
      systemKnownHosts: null,
      local: { agentSocket: undefined },
    });
    db = new Database(':memory:');
    migrateHealth(db);
    monitor = new HealthMonitor({ db, transportFor: (host) => transports.get(host) });
    expect(monitor.setWorkspace(workspace)).toEqual([]);
  });
  afterAll(async () => {
    await monitor?.stop();
    await transports?.closeAll();
    await fleet?.stop();
    db?.close();
  });

  const flagOn = (host: number, present: boolean) => {
    const file = join(fleet.hosts[host]?.home ?? '', flag);
    if (present) writeFileSync(file, 'yes');
    else rmSync(file, { force: true });
  };

  it('plans one instance per host and judges each host on its own', async () => {
    expect(monitor.planned().map((c) => c.key)).toEqual([
      `shop/ready@production#${first}`,
      `shop/ready@production#${second}`,
      `shop/slow@production#${first}`,
      `shop/slow@production#${second}`,
    ]);
    flagOn(0, true);
    flagOn(1, false);
    const { checks } = await monitor.checkOnce({ checkId: 'ready' });
    expect(checks.map((c) => [c.host, c.status, c.reason])).toEqual([
      [first, 'up', `serving on ${first}`],
      [second, 'down', 'exit 7: curl: (7) Failed to connect'],
    ]);
    // The one-line form used by service statuses and alerts names the host.
    expect(checks[1]?.headline).toBe(`ready on ${second}: exit 7: curl: (7) Failed to connect`);
  });

  it('is down with "timed out" when the command outlives the check timeout', async () => {
    const { checks } = await monitor.checkOnce({ checkId: 'slow', host: first });
    expect(checks.map((c) => [c.host, c.status, c.reason])).toEqual([[first, 'down', 'timed out after 1 s']]);
  });

  it('passes the gate for the host just switched while a host not yet switched is down', async () => {
    flagOn(0, true);
    flagOn(1, false);
    const gate = { service: 'shop', environment: 'production', checkIds: ['ready'] };
    await expect(monitor.checkNow({ ...gate, host: first })).resolves.toEqual({
      ok: true,
      detail: `ready on ${first}: up (serving on ${first})`,
    });
    await expect(monitor.checkNow({ ...gate, host: second })).resolves.toEqual({
      ok: false,
      detail: `ready on ${second}: down (exit 7: curl: (7) Failed to connect)`,
    });
    // Without a host (a whole-environment deploy) every host is judged.
    expect((await monitor.checkNow(gate)).ok).toBe(false);
    flagOn(1, true);
    expect(await monitor.checkNow(gate)).toMatchObject({ ok: true });
  });
});
