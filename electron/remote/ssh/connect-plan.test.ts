import { describe, expect, it } from 'vitest';
import { parseSshConfig } from './config';
import { buildConnectPlan, parseDestination } from './connect-plan';

const local = { home: '/home/me', localUser: 'me', agentSocket: '/run/agent.sock' };
const config = parseSshConfig(`
Host bastion
  HostName bastion.acme.internal
  User ops
  Port 2222
Host inner-jump
  HostName 10.9.0.1
  ProxyJump bastion
Host web-*
  HostName %h.acme.internal
  User deploy
  IdentityFile ~/.ssh/deploy_ed25519
  ProxyJump bastion
Host locked
  HostName locked.example
  IdentitiesOnly yes
  IdentityFile ~/.ssh/only_this
Host noagent
  IdentityAgent none
Host aliased
  HostName 192.0.2.10
  HostKeyAlias app.acme
  Port 2200
  ConnectTimeout 5
  ServerAliveInterval 30
Host loop-a
  ProxyJump loop-b
Host loop-b
  ProxyJump loop-a
`);

const plan = (ssh: string, extra: Record<string, unknown> = {}) =>
  buildConnectPlan({ name: 'app-host', host: { ssh, ...extra }, sshConfig: config, local });

describe('parseDestination', () => {
  it('reads the usual ways of writing a destination', () => {
    expect(parseDestination('web-1')).toEqual({ host: 'web-1', user: undefined });
    expect(parseDestination('deploy@web-1')).toEqual({ host: 'web-1', user: 'deploy' });
    expect(parseDestination('deploy@web-1:2222')).toEqual({ host: 'web-1', user: 'deploy', port: 2222 });
    expect(parseDestination('ssh://a@b:23')).toEqual({ host: 'b', user: 'a', port: 23 });
    expect(parseDestination('[2001:db8::1]:2222')).toEqual({ host: '2001:db8::1', user: undefined, port: 2222 });
  });
});

describe('buildConnectPlan', () => {
  it('uses OpenSSH defaults for a bare address: local user, port 22, default keys, the agent', () => {
    const p = plan('198.51.100.4');
    expect(p.target).toMatchObject({
      hostName: '198.51.100.4',
      user: 'me',
      port: 22,
      defaultIdentities: true,
      agentSocket: '/run/agent.sock',
      knownHostsName: '198.51.100.4',
    });
    expect(p.target.identityFiles).toEqual([
      '/home/me/.ssh/id_ed25519',
      '/home/me/.ssh/id_ecdsa',
      '/home/me/.ssh/id_rsa',
    ]);
    expect(p.jumps).toEqual([]);
    expect(p.concurrency).toBe(8);
  });

  it('follows an alias from ~/.ssh/config, including its ProxyJump', () => {
    const p = plan('web-1');
    expect(p.target).toMatchObject({
      hostName: 'web-1.acme.internal',
      user: 'deploy',
      port: 22,
      identityFiles: ['/home/me/.ssh/deploy_ed25519'],
      defaultIdentities: false,
    });
    expect(p.jumps.map((j) => `${j.user}@${j.hostName}:${j.port}`)).toEqual(['ops@bastion.acme.internal:2222']);
    expect(p.jumps[0]?.knownHostsName).toBe('[bastion.acme.internal]:2222');
  });

  it('lets the workspace entry override the config: user@ in ssh, then explicit fields', () => {
    expect(plan('root@web-2').target.user).toBe('root');
    const p = plan('root@web-2', { user: 'ci', port: 2200, identityFile: '~/keys/ci', jump: 'none', concurrency: 2 });
    expect(p.target).toMatchObject({ user: 'ci', port: 2200, knownHostsName: '[web-2.acme.internal]:2200' });
    expect(p.target.identityFiles[0]).toBe('/home/me/keys/ci');
    expect(p.jumps).toEqual([]);
    expect(p.concurrency).toBe(2);
  });

  it('chains jump hosts that have jump hosts of their own, outermost first', () => {
    const p = plan('app.internal', { jump: 'deploy@inner-jump' });
    expect(p.jumps.map((j) => j.hostName)).toEqual(['bastion.acme.internal', '10.9.0.1']);
    expect(p.jumps[1]?.user).toBe('deploy');
  });

  it('accepts a comma-separated ProxyJump list', () => {
    const p = plan('x', { jump: 'a@one:2201,two' });
    expect(p.jumps.map((j) => `${j.user}@${j.hostName}:${j.port}`)).toEqual(['a@one:2201', 'me@two:22']);
  });

  it('refuses a ProxyJump loop instead of hanging', () => {
    expect(() => plan('loop-a')).toThrow(/loops back/);
  });

  it('offers only the listed key under IdentitiesOnly, and no agent', () => {
    const p = plan('locked');
    expect(p.target.agentSocket).toBeNull();
    expect(p.target.identityFiles).toEqual(['/home/me/.ssh/only_this']);
  });

  it('honours IdentityAgent none', () => {
    expect(plan('noagent').target.agentSocket).toBeNull();
  });

  it('stores host keys under HostKeyAlias and takes timeouts from the config', () => {
    const p = plan('aliased');
    expect(p.target.hostName).toBe('192.0.2.10');
    expect(p.target.knownHostsName).toBe('[app.acme]:2200');
    expect(p.connectTimeoutMs).toBe(5000);
    expect(p.keepaliveIntervalMs).toBe(30_000);
  });

  it('refuses a host that is not an SSH host', () => {
    expect(() => buildConnectPlan({ name: 'laptop', host: { local: true }, sshConfig: config, local })).toThrow(
      /not an SSH host/,
    );
  });
});
