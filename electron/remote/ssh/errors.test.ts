import { describe, expect, it } from 'vitest';
import { mapConnectError } from './errors';
import { type SshEndpoint } from './connect-plan';

const endpoint: SshEndpoint = {
  alias: 'web-1',
  hostName: 'web-1.acme.internal',
  port: 2222,
  user: 'deploy',
  identityFiles: [],
  defaultIdentities: true,
  identitiesOnly: false,
  agentSocket: null,
  knownHostsName: '[web-1.acme.internal]:2222',
  userKnownHostsFiles: [],
};
const error = (message: string, extra: { level?: string; code?: string }) => Object.assign(new Error(message), extra);

describe('connection errors a person can act on', () => {
  it('auth failure names the host, the user and every credential tried', () => {
    const e = mapConnectError(
      error('All configured authentication methods failed', { level: 'client-authentication' }),
      'web-1',
      endpoint,
      ['ssh-agent', '/home/me/.ssh/id_ed25519'],
    );
    expect(e.kind).toBe('auth-failed');
    expect(e.message).toBe(
      'web-1 (deploy@web-1.acme.internal:2222): authentication failed — All configured authentication methods failed. ' +
        'Tried: ssh-agent, /home/me/.ssh/id_ed25519. Check the user name, and that one of these keys is in ' +
        '~deploy/.ssh/authorized_keys on the host (or load the right key into ssh-agent).',
    );
  });

  it('leads with the key that could not be unlocked, and points at ssh-agent', () => {
    const e = mapConnectError(
      error('All configured authentication methods failed', { level: 'client-authentication' }),
      'web-1',
      endpoint,
      ['/home/me/.ssh/id_ed25519 (wrong passphrase)'],
      [{ keyFile: '/home/me/.ssh/id_ed25519', message: 'wrong passphrase for /home/me/.ssh/id_ed25519 (3 tries)' }],
    );
    expect(e.kind).toBe('auth-failed');
    expect(e.message).toBe(
      'web-1 (deploy@web-1.acme.internal:2222): authentication failed — wrong passphrase for ' +
        '/home/me/.ssh/id_ed25519 (3 tries). Tried: /home/me/.ssh/id_ed25519 (wrong passphrase). Load the key into ' +
        'ssh-agent first (ssh-add /home/me/.ssh/id_ed25519), or try again and enter its passphrase when asked.',
    );
  });

  it('tells refused, unreachable, DNS, timeout and reset apart', () => {
    const kind = (extra: { level?: string; code?: string }) =>
      mapConnectError(error('x', extra), 'web-1', endpoint, []);
    expect(kind({ code: 'ECONNREFUSED', level: 'client-socket' })).toMatchObject({
      kind: 'refused',
      message: expect.stringMatching(/listening on port 2222/),
    });
    expect(kind({ code: 'EHOSTUNREACH' }).kind).toBe('refused');
    expect(kind({ code: 'ENOTFOUND' })).toMatchObject({
      kind: 'dns',
      message: expect.stringMatching(/cannot resolve "web-1.acme.internal"/),
    });
    expect(kind({ code: 'EAI_AGAIN' }).kind).toBe('dns');
    expect(kind({ level: 'client-timeout' }).kind).toBe('timeout');
    expect(kind({ code: 'ECONNRESET' }).kind).toBe('disconnected');
    expect(kind({ level: 'protocol' })).toMatchObject({ kind: 'other', host: 'web-1' });
  });

  it('says "none" when there was nothing to offer', () => {
    const e = mapConnectError(error('x', { level: 'client-authentication' }), 'web-1', endpoint, []);
    expect(e.message).toMatch(/Tried: none \(no agent, no key file found\)/);
  });
});
