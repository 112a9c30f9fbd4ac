/**
 * tls: how many days the certificate has left. Fewer than `warnDays` is degraded, expired is down. The chain is
 * NOT verified on purpose (`rejectUnauthorized: false`): self-signed and internal-CA certificates expire too,
 * and this check is about the date; an untrusted chain is the http check's business.
 */
import { connect, type PeerCertificate } from 'node:tls';
import { type TlsCheckConfig } from '../../../shared/workspace/health';
import { humanDuration } from '../words';
import { describeNetError } from './net-errors';
import { splitHostPort } from './tcp';
import { type CheckContext, type CheckKind, type CheckOutcome } from './types';

const DAY = 86_400_000;

export const tlsKind: CheckKind<TlsCheckConfig> = {
  name: 'tls',
  subject: (check) => {
    const { host, port } = splitHostPort(check.tls, 443);
    return `${host}:${port}`;
  },
  async run(check, context) {
    const { host, port } = splitHostPort(check.tls, 443);
    const target = `${host}:${port}`;
    const started = performance.now();
    let cert: PeerCertificate;
    try {
      cert = await peerCertificate(host, port, context);
    } catch (error) {
      const reason = describeNetError(error, target, context.timeoutMs, context.signal.aborted);
      return { status: 'down', reason, headline: `${target}: ${reason}` };
    }
    const latencyMs = performance.now() - started;
    const validTo = Date.parse(cert.valid_to);
    if (!Number.isFinite(validTo)) {
      return { status: 'down', latencyMs, reason: `certificate has no readable expiry ("${cert.valid_to}")` };
    }
    return judgeExpiry(validTo, context.now(), check.warnDays, target, latencyMs);
  },
};

/** The verdict on an expiry date, in words: "certificate expires in 5 days". */
export function judgeExpiry(
  validTo: number,
  now: number,
  warnDays: number,
  target: string,
  latencyMs?: number,
): CheckOutcome {
  const leftMs = validTo - now;
  const daysLeft = leftMs / DAY;
  const metrics = { daysLeft: Math.round(daysLeft * 100) / 100 };
  const headline = (reason: string) => `${target}: ${reason}`;
  if (leftMs <= 0) {
    const reason = `certificate expired ${humanDuration(-leftMs)} ago`;
    return { status: 'down', latencyMs, reason, headline: headline(reason), metrics };
  }
  const inWords = leftMs >= DAY ? plainDays(daysLeft) : humanDuration(leftMs);
  if (daysLeft < warnDays) {
    const reason = `certificate expires in ${inWords}`;
    return { status: 'degraded', latencyMs, reason, headline: headline(reason), metrics };
  }
  return { status: 'up', latencyMs, reason: `certificate valid for ${inWords} more`, metrics };
}

/** Nearest whole day: a certificate made with `-days 5` a moment ago "expires in 5 days", not 4. */
function plainDays(days: number): string {
  const whole = Math.max(1, Math.round(days));
  return `${whole} day${whole === 1 ? '' : 's'}`;
}

function peerCertificate(host: string, port: number, context: CheckContext): Promise<PeerCertificate> {
  return new Promise((resolve, reject) => {
    const isName = !/^[\d.]+$/.test(host) && !host.includes(':');
    const socket = connect({ host, port, servername: isName ? host : undefined, rejectUnauthorized: false });
    const onAbort = () => socket.destroy(new Error('aborted'));
    context.signal.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => {
      context.signal.removeEventListener('abort', onAbort);
      const cert = socket.getPeerCertificate();
      socket.end();
      if (!cert || !cert.valid_to) reject(new Error('the server sent no certificate'));
      else resolve(cert);
    });
    socket.once('error', (error) => {
      context.signal.removeEventListener('abort', onAbort);
      reject(error);
    });
  });
}
