/**
 * Turns ssh2 and socket errors into TransportErrors a person can act on: each names the workspace host and
 * the address dialled, and says what to check. One function, so every path (direct, through a jump host,
 * during a command) speaks the same way.
 */
import { TransportError } from '../types';
import { type KeyProblem } from './auth';
import { type SshEndpoint, describeEndpoint } from './connect-plan';

export interface Ssh2Error extends Error {
  level?: string;
  code?: string;
}

export function mapConnectError(
  error: Ssh2Error,
  host: string,
  endpoint: SshEndpoint,
  tried: readonly string[],
  keyProblems: readonly KeyProblem[] = [],
): TransportError {
  const where = describeEndpoint(endpoint);
  const via = `${host} (${where})`;
  const code = error.code ?? '';
  if (error.level === 'client-authentication') {
    const keys = tried.length > 0 ? tried.join(', ') : 'none (no agent, no key file found)';
    if (keyProblems.length > 0) {
      // The likely cause is the key that could not be unlocked, not a missing authorized_keys line: say that first.
      const files = [...new Set(keyProblems.map((p) => p.keyFile))];
      return new TransportError(
        'auth-failed',
        host,
        `${via}: authentication failed — ${keyProblems.map((p) => p.message).join('; ')}. Tried: ${keys}. ` +
          `Load the key into ssh-agent first (ssh-add ${files.join(' ')}), or try again and enter its passphrase when asked.`,
        { endpoint: where, tried: [...tried], keyFiles: files },
      );
    }
    return new TransportError(
      'auth-failed',
      host,
      `${via}: authentication failed — All configured authentication methods failed. Tried: ${keys}. ` +
        `Check the user name, and that one of these keys is in ~${endpoint.user}/.ssh/authorized_keys on the host ` +
        '(or load the right key into ssh-agent).',
      { endpoint: where, tried: [...tried] },
    );
  }
  if (code === 'ECONNREFUSED') {
    return new TransportError(
      'refused',
      host,
      `${via}: connection refused — is sshd running and listening on port ${endpoint.port}?`,
      {
        endpoint: where,
      },
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return new TransportError(
      'dns',
      host,
      `${via}: cannot resolve "${endpoint.hostName}" (${code}) — check the name and your DNS or VPN.`,
      {
        endpoint: where,
      },
    );
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new TransportError(
      'refused',
      host,
      `${via}: host unreachable (${code}) — check the network, VPN or jump host.`,
      {
        endpoint: where,
      },
    );
  }
  if (error.level === 'client-timeout' || code === 'ETIMEDOUT') {
    return new TransportError(
      'timeout',
      host,
      `${via}: timed out before the SSH handshake finished — is the address right and the port open?`,
      {
        endpoint: where,
      },
    );
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return new TransportError(
      'disconnected',
      host,
      `${via}: the connection was reset during the handshake (${code}).`,
      {
        endpoint: where,
      },
    );
  }
  return new TransportError('other', host, `${via}: ${error.message}`, { endpoint: where, level: error.level, code });
}
