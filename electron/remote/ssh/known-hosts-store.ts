/**
 * Where host keys are remembered. The cockpit reads the user's own known_hosts files (so hosts they already
 * trust just work) and keeps its own file in its data directory, which is the only file it ever writes: a key
 * the user trusts in the app is appended there, never to ~/.ssh.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type HostKeyVerdict,
  type KnownHostEntry,
  checkHostKey,
  knownHostsLine,
  knownKeyTypes,
  parseKnownHosts,
} from './known-hosts';

export interface KnownHostsStore {
  /** The cockpit's own file (written on trust). */
  readonly ownFile: string;
  entries(extraFiles: readonly string[]): KnownHostEntry[];
  verify(name: string, keyBlob: Buffer, extraFiles: readonly string[]): HostKeyVerdict;
  knownTypes(name: string, extraFiles: readonly string[]): string[];
  trust(name: string, keyBlob: Buffer): void;
}

export const SYSTEM_KNOWN_HOSTS = '/etc/ssh/ssh_known_hosts';

export function createKnownHostsStore(ownFile: string, options: { systemFile?: string | null } = {}): KnownHostsStore {
  const systemFile = options.systemFile === undefined ? SYSTEM_KNOWN_HOSTS : options.systemFile;

  function entries(extraFiles: readonly string[]): KnownHostEntry[] {
    const files = [ownFile, ...extraFiles, ...(systemFile ? [systemFile] : [])];
    return [...new Set(files)].flatMap((file) => {
      try {
        return parseKnownHosts(readFileSync(file, 'utf8'), file);
      } catch {
        return [];
      }
    });
  }

  return {
    ownFile,
    entries,
    verify: (name, keyBlob, extraFiles) => checkHostKey(entries(extraFiles), name, keyBlob),
    knownTypes: (name, extraFiles) => knownKeyTypes(entries(extraFiles), name),
    trust(name, keyBlob) {
      mkdirSync(dirname(ownFile), { recursive: true });
      appendFileSync(ownFile, `${knownHostsLine(name, keyBlob, `trusted-in-cockpit-${new Date().toISOString()}`)}\n`, {
        mode: 0o600,
      });
    },
  };
}
