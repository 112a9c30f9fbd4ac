import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type HostConfig } from '../../shared/workspace';
import { createTransportRegistry } from './registry';
import { SshTransport } from './ssh/transport';
import { TransportError } from './types';

const dir = mkdtempSync(join(tmpdir(), 'cockpit-registry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('transport registry', () => {
  let hosts: Record<string, HostConfig> = { laptop: { local: true }, web: { ssh: 'deploy@web.example' } };
  const registry = createTransportRegistry({
    hosts: () => hosts,
    knownHostsFile: join(dir, 'known_hosts'),
    dataDir: dir,
    sshConfigFile: join(dir, 'no-config'),
    systemKnownHosts: null,
  });
  afterAll(() => registry.closeAll());

  it('gives local hosts the local transport and SSH hosts a pooled SSH transport, one per host', async () => {
    expect((await registry.get('laptop').exec('echo local')).stdout).toBe('local\n');
    expect(registry.get('web')).toBeInstanceOf(SshTransport);
    expect(registry.get('web')).toBe(registry.get('web'));
  });

  it('gives a local host with a root its own home under the data folder', async () => {
    hosts = { ...hosts, pretend: { local: true, root: 'demo/hosts/pretend' } };
    const r = await registry.get('pretend').exec('echo "$HOME"');
    expect(r.stdout.trim()).toBe(join(dir, 'demo/hosts/pretend'));
  });

  it('builds a new transport when the workspace entry changed', () => {
    const before = registry.get('web');
    hosts = { ...hosts, web: { ssh: 'deploy@web.example', port: 2222 } };
    expect(registry.get('web')).not.toBe(before);
  });

  it('names a host that is not in the workspace', () => {
    expect(() => registry.get('nope')).toThrow(TransportError);
    expect(() => registry.get('nope')).toThrow(/"nope" is not a host of this workspace/);
  });

  it('trusts a host key only when it matches the fingerprint shown', () => {
    const blob = Buffer.from('AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl', 'base64');
    const request = { knownHostsName: '[web.example]:2222', keyBase64: blob.toString('base64') };
    expect(() => registry.trustHostKey({ ...request, fingerprint: 'SHA256:wrong' })).toThrow(/does not match/);
    registry.trustHostKey({
      ...request,
      fingerprint: 'SHA256:+DiY3wvvV6TuJJhbpZisF/zLDA0zPMSvHdkr4UvCOqU' /* as ssh-keygen -l prints it */,
    });
    expect(registry.knownHosts.verify('[web.example]:2222', blob, []).status).toBe('known');
  });
});
