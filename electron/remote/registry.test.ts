import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type HostConfig } from '../../shared/workspace';
import { createTransportRegistry } from './registry';
import { fingerprint } from './ssh/known-hosts';
import { createKnownHostsStore } from './ssh/known-hosts-store';
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

  it('trusts only the key the host offered in this session, under its exact name, as one 0600 line', () => {
    const file = join(dir, 'trust', 'known_hosts');
    const trusting = createTransportRegistry({
      hosts: () => hosts,
      knownHostsFile: file,
      sshConfigFile: join(dir, 'no-config'),
      systemKnownHosts: null,
    });
    const blob = Buffer.from('AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl', 'base64');
    const other = Buffer.from('AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJm', 'base64');
    const name = '[web.example]:2222';
    const yes = {
      knownHostsName: name,
      keyBase64: blob.toString('base64'),
      fingerprint: 'SHA256:+DiY3wvvV6TuJJhbpZisF/zLDA0zPMSvHdkr4UvCOqU' /* as ssh-keygen -l prints it */,
    };
    // Nothing was offered yet: nothing can be trusted, however well-formed the request.
    expect(() => trusting.trustHostKey(yes)).toThrow(/No connection in this session was offered/);
    // What connect.ts does when the host offers an unknown key and nobody is asked at once.
    trusting.knownHosts.rememberOffered(name, blob);
    for (const bad of [
      { ...yes, fingerprint: 'SHA256:wrong' },
      { ...yes, keyBase64: other.toString('base64'), fingerprint: fingerprint(other) },
      { ...yes, knownHostsName: '*' },
      { ...yes, knownHostsName: '@cert-authority *' },
      { ...yes, knownHostsName: 'web.example,*' },
      { ...yes, knownHostsName: `${name} ssh-ed25519 ${other.toString('base64')}\n*` },
      { ...yes, keyBase64: `${yes.keyBase64}\n* ssh-ed25519 ${other.toString('base64')}` },
    ]) {
      expect(() => trusting.trustHostKey(bad), JSON.stringify(bad)).toThrow(/nothing was trusted/);
    }
    expect(existsSync(file)).toBe(false);

    trusting.trustHostKey(yes);
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^\\[web\\.example\\]:2222 ssh-ed25519 ${yes.keyBase64.replace(/[+/]/g, '\\$&')} trusted-in-cockpit-\\S+$`,
      ),
    );
    expect(trusting.knownHosts.verify(name, blob, []).status).toBe('known');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
    // The offer is used up: the same request cannot append a second line.
    expect(() => trusting.trustHostKey(yes)).toThrow(/nothing was trusted/);
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('tightens a known_hosts file that was left readable by others', () => {
    const file = join(dir, 'loose', 'known_hosts');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '', { mode: 0o644 });
    chmodSync(file, 0o644);
    const store = createKnownHostsStore(file, { systemFile: null });
    store.trust(
      'web.example',
      Buffer.from('AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl', 'base64'),
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
