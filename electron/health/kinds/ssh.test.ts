import { describe, expect, it } from 'vitest';
import { sshCheckSchema } from '../../../shared/workspace/health';
import { TransportError } from '../../remote/types';
import { testContext } from '../testing/context';
import { cannedTransport, localTestTransport } from '../testing/local-transport';
import { sshCommand, sshKind } from './ssh';
import { parseDfP, parseIsActive, parseLoadavg, parseMeminfo, shellQuote } from './ssh-parse';

const meminfo = `MemTotal:        8000000 kB
MemFree:          500000 kB
MemAvailable:    2000000 kB
Buffers:          100000 kB
Cached:          1500000 kB
`;
const df = `Filesystem     1024-blocks      Used Available Capacity Mounted on
/dev/nvme0n1p2   102400000  93000000   7000000      94% /srv/my data
`;

describe('host metric readers', () => {
  it('reads load, memory, disk and unit state the way Linux prints them', () => {
    expect(parseLoadavg('0.52 0.58 0.61 1/467 12345\n')).toEqual({ load1: 0.52, load5: 0.58, load15: 0.61 });
    expect(parseMeminfo(meminfo).usedPercent).toBe(75);
    // Without MemAvailable (old kernels): free + buffers + cached.
    expect(parseMeminfo(meminfo.replace(/MemAvailable.*\n/, '')).usedPercent).toBe(73.75);
    expect(parseDfP(df)).toEqual({ usedPercent: 93, mount: '/srv/my data', usedKiB: 93000000, availableKiB: 7000000 });
    expect(parseIsActive('active\n')).toEqual({ active: true, state: 'active' });
    expect(parseIsActive('failed\n')).toEqual({ active: false, state: 'failed' });
    expect(() => parseLoadavg('garbage')).toThrow(/loadavg/);
  });

  it('quotes user-given paths and units for the remote shell', () => {
    expect(shellQuote("it's here")).toBe(`'it'\\''s here'`);
    const config = sshCheckSchema.parse({ id: 'd', ssh: { metric: 'disk', path: '/srv/$(rm -rf /)' } });
    expect(sshCommand(config.ssh)).toBe("df -P -- '/srv/$(rm -rf /)'");
  });
});

describe('the ssh check through a Transport', () => {
  it('reads real load, memory and disk of this machine through a local transport', async () => {
    const transportFor = () => localTestTransport('this-box');
    const context = () => testContext({ hosts: ['this-box'], transportFor });
    const load = await sshKind.run(sshCheckSchema.parse({ id: 'l', ssh: { metric: 'load' } }), context());
    expect(load.status).toBe('up'); // no max: load is only reported
    expect(load.reason).toMatch(/^this-box: load \d+\.\d\d$/);
    const memory = await sshKind.run(
      sshCheckSchema.parse({ id: 'm', ssh: { metric: 'memory', max: '100%' } }),
      context(),
    );
    expect(memory.status).toBe('up');
    expect(memory.metrics?.['this-box']).toBeGreaterThan(0);
    const disk = await sshKind.run(
      sshCheckSchema.parse({ id: 'd', ssh: { metric: 'disk', path: '/', max: 0 } }),
      context(),
    );
    expect(disk.status).toBe('degraded'); // any use is over a max of 0 %
    expect(disk.reason).toMatch(/^this-box: disk \/ \d+% used \(max 0%\)$/);
  });

  it('judges each host and names the worst one', async () => {
    const answers = (mount: string, used: number) => ({
      [sshCommand({ metric: 'disk', path: '/' })]: {
        stdout: `Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/sda1 1000 ${used} ${1000 - used} x% ${mount}\n`,
      },
    });
    const hosts: Record<string, ReturnType<typeof cannedTransport>> = {
      'web-1': cannedTransport('web-1', answers('/', 500)),
      'web-2': cannedTransport('web-2', answers('/', 950)),
    };
    const outcome = await sshKind.run(
      sshCheckSchema.parse({ id: 'disk', ssh: { metric: 'disk' } }),
      testContext({ hosts: ['web-1', 'web-2'], transportFor: (h) => hosts[h] ?? cannedTransport(h, {}) }),
    );
    expect(outcome).toMatchObject({ status: 'degraded', reason: 'web-2: disk / 95% used (max 90%)' });
    expect(outcome.metrics).toEqual({ 'web-1': 50, 'web-2': 95, value: 95 });
  });

  it('is down when a systemd unit is not active, or the host cannot be reached', async () => {
    const unit = sshCheckSchema.parse({ id: 'u', ssh: { metric: 'unit', unit: 'api.service', host: 'web-1' } });
    const inactive = cannedTransport('web-1', { [sshCommand(unit.ssh)]: { stdout: 'inactive\n', exitCode: 3 } });
    expect(await sshKind.run(unit, testContext({ transportFor: () => inactive }))).toMatchObject({
      status: 'down',
      reason: 'api.service is inactive',
    });
    const active = cannedTransport('web-1', { [sshCommand(unit.ssh)]: { stdout: 'active\n' } });
    expect((await sshKind.run(unit, testContext({ transportFor: () => active }))).status).toBe('up');
    const unreachable = {
      ...active,
      exec: () => Promise.reject(new TransportError('refused', 'web-1', 'connection refused (web-1:22)')),
    };
    expect(await sshKind.run(unit, testContext({ transportFor: () => unreachable }))).toMatchObject({
      status: 'down',
      reason: 'cannot reach web-1: connection refused (web-1:22)',
    });
  });
});
