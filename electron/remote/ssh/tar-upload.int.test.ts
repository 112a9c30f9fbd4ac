/**
 * Uploads to a host whose sshd has no SFTP subsystem (real OpenSSH, `Subsystem sftp` left out of its config):
 * files go as a tar stream into `tar -x` over exec, with their modes, long names included; the step's log says
 * the fallback was used; a whole `releases` deploy works; and when tar fails too, the error says how to turn
 * SFTP on.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunEvent } from '../../../shared/model/deploys';
import { workspaceSchema } from '../../../shared/workspace';
import { type SshdFleet, startSshdFleet } from '../../../test/support/sshd';
import { hasTools } from '../../../test/support/system-tool';
import { createDeployService } from '../../deploys/service';
import { createMemoryJournal } from '../../deploys/test-journal';
import { type TransportRegistry, createTransportRegistry } from '../registry';
import { TransportError } from '../types';

describe.skipIf(!hasTools('sshd', 'ssh-keygen', 'tar'))('uploads to a host without SFTP', () => {
  let fleet: SshdFleet;
  let registry: TransportRegistry;
  let home: string;
  let work: string;

  const hosts = () => {
    const host = fleet.hosts[0];
    if (!host) throw new Error('test setup: no host');
    return { web1: { ssh: `${fleet.user}@127.0.0.1`, port: host.port, identityFile: fleet.clientKey } };
  };

  beforeAll(async () => {
    fleet = await startSshdFleet({ count: 1, prefix: 'nosftp', sftp: false });
    home = fleet.hosts[0]?.home ?? '';
    work = join(fleet.dir, 'work');
    mkdirSync(work, { recursive: true });
    const knownHostsFile = join(fleet.dir, 'known_hosts');
    fleet.writeKnownHosts(knownHostsFile);
    registry = createTransportRegistry({
      hosts,
      knownHostsFile,
      sshConfigFile: fleet.emptySshConfig,
      systemKnownHosts: null,
      local: { agentSocket: undefined },
      killGraceMs: 500,
    });
  });

  afterAll(async () => {
    try {
      await registry?.closeAll();
    } finally {
      await fleet?.stop();
    }
  });

  it('streams files through tar over SSH with their modes and long names, and says so', async () => {
    const local = join(work, 'run.sh');
    writeFileSync(local, '#!/bin/sh\necho from tar\n');
    const longName = `${'n'.repeat(140)}.txt`;
    const localLong = join(work, 'long.txt');
    writeFileSync(localLong, 'long\n');
    mkdirSync(join(home, 'up'), { recursive: true });
    const notes: string[] = [];
    const transport = registry.get('web1');
    await transport.upload(local, join(home, 'up', 'run.sh'), { mode: 0o750, onNote: (n) => notes.push(n) });
    await transport.upload(localLong, `~/up/${longName}`, { onNote: (n) => notes.push(n) });
    expect(readFileSync(join(home, 'up', 'run.sh'), 'utf8')).toBe('#!/bin/sh\necho from tar\n');
    expect(statSync(join(home, 'up', 'run.sh')).mode & 0o777).toBe(0o750);
    expect(readFileSync(join(home, 'up', longName), 'utf8')).toBe('long\n');
    expect(notes[0]).toBe('web1: SFTP is not available on this host; uploading with tar over SSH instead');
    const run = await transport.exec(`sh ${join(home, 'up', 'run.sh')}`);
    expect(run.stdout).toBe('from tar\n');
  });

  it('says how to enable SFTP when the tar fallback fails too', async () => {
    const local = join(work, 'file.txt');
    writeFileSync(local, 'x');
    const error = await registry
      .get('web1')
      .upload(local, join(home, 'no-such-dir', 'file.txt'))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(TransportError);
    const message = (error as TransportError).message;
    expect(message).toMatch(/^web1 \(.*\): SFTP is not available, and uploading .* with tar over SSH failed: /);
    expect(message).toContain('add "Subsystem sftp /usr/lib/openssh/sftp-server"');
    expect(message).toContain('/etc/ssh/sshd_config and reload sshd');
  });

  it('deploys a release that works, and the deploy log says the files went by tar', async () => {
    const site = join(work, 'site');
    mkdirSync(join(site, 'bin'), { recursive: true });
    writeFileSync(join(site, 'index.html'), '<h1>v1</h1>\n');
    writeFileSync(join(site, 'bin', 'serve'), '#!/bin/sh\ncat index.html\n', { mode: 0o755 });
    const workspace = workspaceSchema.parse({
      version: 1,
      name: 'No SFTP',
      environments: { staging: { hosts: ['web1'] } },
      hosts: hosts(),
      services: {
        app: {
          deploy: {
            strategy: 'releases',
            path: '~/app',
            build: { dir: 'site', upload: ['.'] },
            // The restart runs the shipped script in the new release: it works only if files and modes arrived.
            restart: './bin/serve > served.txt',
          },
        },
      },
    });
    const events: RunEvent[] = [];
    const service = createDeployService({
      workspace: () => ({ workspace, dir: work }),
      journal: createMemoryJournal(),
      transports: (host) => registry.get(host),
      checkHealth: async () => ({ ok: true, detail: 'no gate' }),
      emit: (e) => events.push(e),
      actor: 'tester',
    });
    const outcome = await service.deploy({ service: 'app', environment: 'staging', release: { ref: 'v1' } });
    expect(outcome.result).toBe('healthy');
    expect(readFileSync(join(home, 'app', 'current', 'served.txt'), 'utf8')).toBe('<h1>v1</h1>\n');
    expect(JSON.stringify(events)).toContain('SFTP is not available on this host; uploading with tar over SSH instead');
  });
});
