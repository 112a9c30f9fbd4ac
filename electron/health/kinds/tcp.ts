/** tcp: can a connection be opened to host:port? Up with the connect time; down with why not. */
import { connect } from 'node:net';
import { type TcpCheckConfig } from '../../../shared/workspace/health';
import { humanLatency } from '../words';
import { describeNetError } from './net-errors';
import { type CheckKind } from './types';

/** "db-1:5432" or "[::1]:5432" → host and port. */
export function splitHostPort(target: string, defaultPort?: number): { host: string; port: number } {
  const match = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(target.trim());
  const host = match?.[1] ?? target;
  const port = match?.[2] ? Number(match[2]) : defaultPort;
  if (port === undefined || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`expected host:port, got "${target}"`);
  }
  return { host, port };
}

export const tcpKind: CheckKind<TcpCheckConfig> = {
  name: 'tcp',
  subject: (check) => check.tcp,
  run(check, context) {
    const { host, port } = splitHostPort(check.tcp);
    const started = performance.now();
    return new Promise((resolve) => {
      const socket = connect({ host, port });
      const onAbort = () => socket.destroy(new Error('aborted'));
      context.signal.addEventListener('abort', onAbort, { once: true });
      const finish = () => context.signal.removeEventListener('abort', onAbort);
      socket.once('connect', () => {
        const latencyMs = performance.now() - started;
        finish();
        socket.destroy();
        resolve({ status: 'up', latencyMs, reason: `connected in ${humanLatency(latencyMs)}` });
      });
      socket.once('error', (error) => {
        finish();
        const reason = describeNetError(error, check.tcp, context.timeoutMs, context.signal.aborted);
        resolve({ status: 'down', reason, headline: `${check.tcp}: ${reason}` });
      });
    });
  },
};
