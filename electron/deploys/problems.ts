/**
 * Turns why a run could not start — a held lock, an unknown or changed host key, a host out of reach — into the
 * RunProblem the UI acts on (a lock dialog, a trust-this-key dialog, a loud refusal) and the CLI prints.
 */
import { type LockInfo, type RunProblem } from '../../shared/model/deploys';
import { type StepFailure } from '../runbooks/types';

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

export function lockProblem(
  holders: Array<{ host: string; info: Partial<LockInfo> | null; stale?: string | null }>,
): RunProblem {
  return { kind: 'locked', locks: holders.map((h) => ({ host: h.host, info: h.info, stale: h.stale ?? null })) };
}

export function problemFromFailure(failure: StepFailure): RunProblem {
  const details = failure.transportDetails ?? {};
  const host = failure.info.host ?? '';
  if (failure.transportKind === 'host-key-unknown' && typeof details.keyBase64 === 'string') {
    return {
      kind: 'host-key-unknown',
      host,
      endpoint: text(details.endpoint, host),
      knownHostsName: text(details.knownHostsName, host),
      keyType: text(details.keyType, 'unknown type'),
      fingerprint: text(details.fingerprint),
      keyBase64: details.keyBase64,
    };
  }
  if (failure.transportKind === 'host-key-changed') {
    const knownHostsName = text(details.knownHostsName, host);
    const knownIn = Array.isArray(details.knownIn)
      ? details.knownIn.flatMap((k: unknown) => {
          if (typeof k !== 'object' || k === null) return [];
          const entry = k as Record<string, unknown>;
          return typeof entry.file === 'string' && typeof entry.line === 'number'
            ? [{ file: entry.file, line: entry.line }]
            : [];
        })
      : [];
    const files = [...new Set(knownIn.map((k) => k.file))];
    return {
      kind: 'host-key-changed',
      host,
      endpoint: text(details.endpoint, host),
      knownHostsName,
      keyType: text(details.keyType, 'unknown type'),
      oldFingerprints: texts(details.oldFingerprints),
      newFingerprint: text(details.newFingerprint),
      knownIn,
      resolve: files.map((file) => `ssh-keygen -R '${knownHostsName}' -f '${file}'`),
    };
  }
  return {
    kind: 'unreachable',
    host: failure.info.host,
    transport: failure.transportKind,
    message: failure.message,
  };
}
