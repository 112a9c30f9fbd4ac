import { describe, expect, it } from 'vitest';
import { expandPath, parseSshConfig, resolveSshHost, tokenize } from './config';
import { matchPatternList, wildcardMatch } from './patterns';

const sample = `
# company defaults
Host bastion
  HostName bastion.acme.internal
  User ops
  Port 2222
  IdentityFile ~/.ssh/bastion_ed25519

Host web-* !web-legacy
  HostName %h.acme.internal
  User deploy
  ProxyJump bastion
  IdentityFile ~/.ssh/deploy_%r

Host web-legacy
  HostName 10.0.9.9
  User root

Host "quoted name" spaced
  HostName spaced.example

Host *
  User fallback
  IdentityFile ~/.ssh/id_ed25519
  IdentitiesOnly yes
  ServerAliveInterval 20
  Port=2200
`;

describe('ssh_config tokenizer', () => {
  it('splits words, honours quotes and Keyword=value', () => {
    expect(tokenize('IdentityFile "~/My Keys/id"')).toEqual(['IdentityFile', '~/My Keys/id']);
    expect(tokenize('Port=2222')).toEqual(['Port', '2222']);
    expect(tokenize('User = deploy')).toEqual(['User', 'deploy']);
    expect(tokenize('Host a b  c')).toEqual(['Host', 'a', 'b', 'c']);
  });
});

describe('host patterns', () => {
  it('supports *, ? and negation, case-insensitively', () => {
    expect(wildcardMatch('web-*', 'web-1')).toBe(true);
    expect(wildcardMatch('web-?', 'web-12')).toBe(false);
    expect(wildcardMatch('*.ACME.internal', 'db.acme.internal')).toBe(true);
    expect(wildcardMatch('a.b', 'axb')).toBe(false);
    expect(matchPatternList(['web-*', '!web-legacy'], 'web-legacy')).toBe(false);
    expect(matchPatternList(['web-*', '!web-legacy'], 'web-2')).toBe(true);
    expect(matchPatternList(['!web-legacy'], 'other')).toBe(false);
  });
});

describe('resolveSshHost', () => {
  const blocks = parseSshConfig(sample);

  it('takes the first value of each keyword from every matching block, like OpenSSH', () => {
    expect(resolveSshHost(blocks, 'bastion')).toMatchObject({
      hostName: 'bastion.acme.internal',
      user: 'ops',
      port: 2222,
      identityFiles: ['~/.ssh/bastion_ed25519', '~/.ssh/id_ed25519'],
      identitiesOnly: true,
      serverAliveIntervalSec: 20,
    });
  });

  it('expands %h in HostName and keeps ProxyJump', () => {
    expect(resolveSshHost(blocks, 'web-1')).toMatchObject({
      hostName: 'web-1.acme.internal',
      user: 'deploy',
      port: 2200,
      proxyJump: 'bastion',
      identityFiles: ['~/.ssh/deploy_%r', '~/.ssh/id_ed25519'],
    });
  });

  it('honours a negated pattern', () => {
    const legacy = resolveSshHost(blocks, 'web-legacy');
    expect(legacy.hostName).toBe('10.0.9.9');
    expect(legacy.user).toBe('root');
    expect(legacy.proxyJump).toBeUndefined();
  });

  it('matches quoted host names', () => {
    expect(resolveSshHost(blocks, 'quoted name').hostName).toBe('spaced.example');
  });

  it('falls back to Host * for anything else', () => {
    expect(resolveSshHost(blocks, 'db-1')).toMatchObject({ user: 'fallback', port: 2200 });
    expect(resolveSshHost(blocks, 'db-1').hostName).toBeUndefined();
  });

  it('applies Match all and Match host, and ignores criteria it cannot decide', () => {
    const withMatch = parseSshConfig(`
Host app
  HostName app.internal
Match host app.internal
  User matched
Match exec "test -f /x"
  Port 9999
Match all
  Port 2022
`);
    expect(resolveSshHost(withMatch, 'app')).toMatchObject({ hostName: 'app.internal', user: 'matched', port: 2022 });
  });

  it('inlines Include files through the callback', () => {
    const blocks2 = parseSshConfig('Include conf.d/*\nHost *\n  User base\n', {
      include: (pattern) =>
        pattern === 'conf.d/*' ? ['Host inc\n  HostName included.example\n  User inc-user\n'] : [],
    });
    expect(resolveSshHost(blocks2, 'inc')).toMatchObject({ hostName: 'included.example', user: 'inc-user' });
  });

  it('ignores comments, blank lines and unknown keywords', () => {
    const blocks3 = parseSshConfig('# hi\n\nHost x\n  ForwardAgent yes\n  SomethingNew 1\n  User u\n');
    expect(resolveSshHost(blocks3, 'x')).toEqual({ identityFiles: [], user: 'u' });
  });
});

describe('expandPath', () => {
  const ctx = {
    home: '/home/me',
    localUser: 'me',
    hostName: 'web-1.acme',
    remoteUser: 'deploy',
    port: 22,
    alias: 'web-1',
  };
  it('expands ~ and % tokens', () => {
    expect(expandPath('~/.ssh/deploy_%r', ctx)).toBe('/home/me/.ssh/deploy_deploy');
    expect(expandPath('%d/keys/%u@%h:%p %%', ctx)).toBe('/home/me/keys/me@web-1.acme:22 %');
    expect(expandPath('/abs/key', ctx)).toBe('/abs/key');
  });
});
