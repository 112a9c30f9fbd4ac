import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkHostKey,
  entryMatches,
  fingerprint,
  hashHostName,
  keyTypeOf,
  knownHostsLine,
  parseKnownHosts,
} from './known-hosts';

/** The value, or a clear failure when a test's own setup is broken. */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('test setup: missing value');
  return value;
}

/** A syntactically real SSH public key blob: string type, then key data. */
function blob(type: string, seed: string): Buffer {
  const t = Buffer.from(type);
  const data = Buffer.from(seed.padEnd(32, '.'));
  const len = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  return Buffer.concat([len(t.length), t, len(data.length), data]);
}

const keyA = blob('ssh-ed25519', 'A');
const keyB = blob('ssh-ed25519', 'B');
const rsa = blob('ssh-rsa', 'R');

describe('known_hosts parsing and matching', () => {
  const text = [
    '# comment',
    `web-1.acme.internal,10.0.0.5 ${knownHostsLine('x', keyA).split(' ').slice(1).join(' ')}`,
    `[db.acme.internal]:2222 ssh-ed25519 ${keyB.toString('base64')} db`,
    `*.staging.acme ssh-rsa ${rsa.toString('base64')}`,
    `@revoked * ssh-ed25519 ${blob('ssh-ed25519', 'BAD').toString('base64')}`,
    `@cert-authority *.acme ssh-ed25519 ${keyB.toString('base64')}`,
    'garbage line',
  ].join('\n');
  const entries = parseKnownHosts(text, '/k');

  it('reads plain, bracketed, wildcard and marked entries and skips junk', () => {
    expect(entries).toHaveLength(5);
    expect(entries[0]).toMatchObject({
      patterns: ['web-1.acme.internal', '10.0.0.5'],
      keyType: 'ssh-ed25519',
      line: 2,
    });
    expect(entries[3]?.marker).toBe('revoked');
    expect(entries[4]?.marker).toBe('cert-authority');
  });

  it('matches `[host]:port` only for that port', () => {
    expect(entryMatches(must(entries[1]), '[db.acme.internal]:2222')).toBe(true);
    expect(entryMatches(must(entries[1]), 'db.acme.internal')).toBe(false);
    expect(entryMatches(must(entries[2]), 'api.staging.acme')).toBe(true);
  });

  it('matches hashed entries written by ssh-keygen -H', () => {
    const salt = randomBytes(20);
    const hashed = parseKnownHosts(
      `${hashHostName('[10.0.0.7]:2200', salt)} ssh-ed25519 ${keyA.toString('base64')}`,
      '/h',
    );
    expect(hashed[0]?.hashed).not.toBeNull();
    expect(entryMatches(must(hashed[0]), '[10.0.0.7]:2200')).toBe(true);
    expect(entryMatches(must(hashed[0]), '10.0.0.7')).toBe(false);
  });

  it('matches hashed lines produced by OpenSSH itself (ssh-keygen -H)', () => {
    const key = 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
    const fromOpenSsh = parseKnownHosts(
      [
        `|1|2jWEzBCK+jjKjpjyNuZBTjf9CUA=|2L0+PwmF76kFJu2GTSaJ7GrvbJc= ssh-ed25519 ${key}`,
        `|1|20xQO8yh0FxYeQPMLcAOV1TU2pI=|c08UW1Kws3NSTq7nX6L7ynrUUt0= ssh-ed25519 ${key}`,
      ].join('\n'),
      '/h',
    );
    expect(entryMatches(must(fromOpenSsh[0]), 'localhost')).toBe(true);
    expect(entryMatches(must(fromOpenSsh[1]), '[10.1.2.3]:2222')).toBe(true);
    expect(entryMatches(must(fromOpenSsh[1]), '10.1.2.3')).toBe(false);
    expect(checkHostKey(fromOpenSsh, 'localhost', Buffer.from(key, 'base64')).status).toBe('known');
  });
});

describe('host key verdicts', () => {
  const entries = parseKnownHosts(
    [
      `[web-1]:2222 ssh-ed25519 ${keyA.toString('base64')}`,
      `web-2 ssh-rsa ${rsa.toString('base64')}`,
      `@revoked * ssh-ed25519 ${blob('ssh-ed25519', 'BAD').toString('base64')}`,
    ].join('\n'),
    '/k',
  );

  it('knows a matching key', () => {
    expect(checkHostKey(entries, '[web-1]:2222', keyA).status).toBe('known');
  });

  it('calls a different key of the same type changed, listing the old one', () => {
    const verdict = checkHostKey(entries, '[web-1]:2222', keyB);
    expect(verdict.status).toBe('changed');
    if (verdict.status === 'changed')
      expect(fingerprint(Buffer.from(must(verdict.known[0]).keyBase64, 'base64'))).toBe(fingerprint(keyA));
  });

  it('calls a host with nothing on record unknown', () => {
    expect(checkHostKey(entries, 'web-9', keyA)).toEqual({ status: 'unknown', otherTypes: [] });
  });

  it('calls a new key type unknown, mentioning the keys of other types', () => {
    const verdict = checkHostKey(entries, 'web-2', keyA);
    expect(verdict.status).toBe('unknown');
    if (verdict.status === 'unknown') expect(verdict.otherTypes).toHaveLength(1);
  });

  it('refuses a revoked key', () => {
    expect(checkHostKey(entries, 'anything', blob('ssh-ed25519', 'BAD')).status).toBe('revoked');
  });
});

describe('fingerprints', () => {
  it('prints SHA256 like ssh-keygen -l, without padding', () => {
    expect(fingerprint(keyA)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(keyTypeOf(rsa)).toBe('ssh-rsa');
  });
});
