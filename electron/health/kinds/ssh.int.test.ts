import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sshCheckSchema } from '../../../shared/workspace/health';
import { type SshdFleet, type SshdHost, startSshdFleet } from '../../../test/support/sshd';
import { hasTools } from '../../../test/support/system-tool';
import { type TransportRegistry } from '../../remote/registry';
import { testContext } from '../testing/context';
import { sshKind } from './ssh';
import { sshdTransports } from '../../remote/testing/sshd-transports';

/** Host metrics read over real SSH (two sshd "hosts" on loopback), through the app's own transport registry. */
describe.skipIf(!hasTools('sshd', 'ssh-keygen'))('the ssh check against real sshd hosts', () => {
  let fleet: SshdFleet;
  let transports: TransportRegistry;

  beforeAll(async () => {
    fleet = await startSshdFleet({ count: 2, prefix: 'metrics' });
    transports = sshdTransports(fleet).registry;
  });
  afterAll(async () => {
    await transports?.closeAll();
    await fleet?.stop();
  });

  const context = () =>
    testContext({
      hosts: fleet.hosts.map((h) => h.name),
      transportFor: (host) => transports.get(host),
      timeoutMs: 15_000,
    });

  it('reads load, memory and disk use on every host of the environment', async () => {
    const load = await sshKind.run(
      sshCheckSchema.parse({ id: 'load', ssh: { metric: 'load', max: 10_000 } }),
      context(),
    );
    expect(load.status).toBe('up');
    expect(load.reason).toMatch(/^metrics1: load \d+\.\d\d; metrics2: load \d+\.\d\d$/);
    const memory = await sshKind.run(
      sshCheckSchema.parse({ id: 'mem', ssh: { metric: 'memory', max: '100%' } }),
      context(),
    );
    expect(memory.status).toBe('up');
    expect(Object.keys(memory.metrics ?? {}).sort()).toEqual(['metrics1', 'metrics2', 'value']);
    const disk = await sshKind.run(
      sshCheckSchema.parse({ id: 'disk', ssh: { metric: 'disk', path: '/', max: 0 } }),
      context(),
    );
    expect(disk.status).toBe('degraded');
    expect(disk.reason).toMatch(/^metrics1: disk \/ \d+% used \(max 0%\); metrics2: disk \/ \d+% used \(max 0%\)$/);
  });

  it('is down, naming the host, when one host is gone', async () => {
    const gone = fleet.hosts[1] as SshdHost;
    await gone.stop();
    try {
      const outcome = await sshKind.run(
        sshCheckSchema.parse({ id: 'mem', ssh: { metric: 'memory', max: '100%' } }),
        context(),
      );
      expect(outcome.status).toBe('down');
      expect(outcome.reason).toMatch(/^metrics2: cannot reach metrics2: /);
    } finally {
      await gone.start();
    }
  });

  it('reads the host again once it is back', async () => {
    const check = sshCheckSchema.parse({ id: 'mem', ssh: { metric: 'memory', max: '100%', host: 'metrics2' } });
    let outcome = await sshKind.run(check, context());
    // A pool may need one failed attempt to notice its connection died; a health check retries anyway.
    if (outcome.status !== 'up') outcome = await sshKind.run(check, context());
    expect(outcome.status).toBe('up');
  });
});
